using System.Text.Json.Serialization;

namespace Platform.Governance;

/// <summary>
/// The compliance record every build writes (obj/platform/&lt;Configuration&gt;/&lt;TargetFramework&gt;/compliance.json),
/// schema <see cref="CurrentSchemaVersion"/>; docs/compliance-record.md documents each field. Written by
/// <see cref="ComplianceRecordBuilder"/> and read by the audit, both through <see cref="ComplianceRecordJson"/>.
/// </summary>
public sealed record ComplianceRecord
{
    /// <summary>Adding a field keeps the version (readers ignore fields they do not know, and a missing one reads as its
    /// default, e.g. <see cref="Owner"/> null from an older kit); renaming, removing or changing a meaning bumps it.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public ComplianceLevel Level { get; init; } = ComplianceLevel.None;

    public IReadOnlyList<string> LevelReasons { get; init; } = [];

    public string? BuildDate { get; init; }

    public bool Ci { get; init; }

    public RecordedProject Project { get; init; } = new();

    public RecordedSdk Sdk { get; init; } = new();

    /// <summary>The owning team (PlatformOwner, else CODEOWNERS), or null when the project has none or an older kit wrote the record.</summary>
    public ProjectOwner? Owner { get; init; }

    public IReadOnlyList<RecordedSetting> Settings { get; init; } = [];

    public IReadOnlyList<RecordedDeviation> Deviations { get; init; } = [];

    public IReadOnlyList<RecordedEnforcement> Enforcement { get; init; } = [];

    public RecordedDiagnostics Diagnostics { get; init; } = new();

    /// <summary>The project's share of the repo's baseline (.platform/baseline.json), or null when it has none.</summary>
    public RecordedBaseline? Baseline { get; init; }

    public IReadOnlyList<RecordedResult> Findings { get; init; } = [];

    public IReadOnlyList<RecordedSuppression> Suppressed { get; init; } = [];
}

/// <summary>The baseline section of the record: who owns the debt until when, and how much the build suppressed.</summary>
public sealed record RecordedBaseline
{
    public string File { get; init; } = string.Empty;

    public string Owner { get; init; } = string.Empty;

    public string TargetDate { get; init; } = string.Empty;

    /// <summary>active, or pastTargetDate (the level is then bronze).</summary>
    public string Status { get; init; } = "active";

    public int Entries { get; init; }

    public int SuppressedResults { get; init; }
}

public sealed record RecordedProject
{
    public string Name { get; init; } = string.Empty;

    public string Path { get; init; } = string.Empty;

    public string? Kind { get; init; }

    public string? TargetFramework { get; init; }

    public string? Configuration { get; init; }
}

public sealed record RecordedSdk
{
    public bool Used { get; init; }

    public string? Version { get; init; }
}

public sealed record RecordedSetting
{
    public string Name { get; init; } = string.Empty;

    public string Default { get; init; } = string.Empty;

    public string Effective { get; init; } = string.Empty;

    public SettingStatus Status { get; init; }

    public string? Deviation { get; init; }

    public bool Enforced { get; init; }
}

/// <summary>Whether a golden-path setting kept its default. The lower-case names are the record's values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SettingStatus>))]
public enum SettingStatus
{
    [JsonStringEnumMemberName("default")]
    Default,

    /// <summary>Changed, covered by a registered deviation in force.</summary>
    [JsonStringEnumMemberName("deviated")]
    Deviated,

    /// <summary>Changed without a deviation (bronze when the setting is enforced).</summary>
    [JsonStringEnumMemberName("changed")]
    Changed,
}

public sealed record RecordedDeviation
{
    public string Id { get; init; } = string.Empty;

    public DeviationKind Kind { get; init; }

    public DeviationStatus Status { get; init; }

    public string Reason { get; init; } = string.Empty;

    public string Owner { get; init; } = string.Empty;

    public string Expires { get; init; } = string.Empty;

    public int? DaysLeft { get; init; }

    public int SuppressedResults { get; init; }
}

public sealed record RecordedEnforcement
{
    public string RuleId { get; init; } = string.Empty;

    public string ErrorFrom { get; init; } = string.Empty;

    public EnforcementMode Mode { get; init; }
}

public sealed record RecordedDiagnostics
{
    public bool Available { get; init; }

    public string? SarifFile { get; init; }

    public IReadOnlyList<string> RulePrefixes { get; init; } = [];

    public int FindingCount { get; init; }

    public int SuppressedCount { get; init; }
}

/// <summary>A governed SARIF result: an unsuppressed finding, or (as <see cref="RecordedSuppression"/>) a suppressed one.</summary>
public record RecordedResult
{
    public string RuleId { get; init; } = string.Empty;

    public string Level { get; init; } = "warning";

    public string Message { get; init; } = string.Empty;

    public string? File { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    /// <summary>Errors and warnings count against the level; notes are listed but do not.</summary>
    [JsonIgnore]
    public bool CountsAgainstLevel => Level is "error" or "warning";
}

/// <remarks>Its own fields follow the result's (JsonPropertyOrder), as in schema 1.</remarks>
public sealed record RecordedSuppression : RecordedResult
{
    [JsonPropertyOrder(1)]
    public string SuppressionKind { get; init; } = string.Empty;

    [JsonPropertyOrder(1)]
    public string? Justification { get; init; }

    /// <summary>The registered deviation that suppressed it, or null (then PLAT9003 reports the suppression).</summary>
    [JsonPropertyOrder(1)]
    public RecordedSuppressionDeviation? Deviation { get; init; }
}

public sealed record RecordedSuppressionDeviation(string Id, string Owner, string Reason, string Expires);
