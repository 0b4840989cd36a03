namespace Platform.Governance;

/// <summary>Everything one compliance record is made from, already evaluated.</summary>
public sealed record ComplianceInput
{
    public required string ProjectName { get; init; }
    public required string ProjectPath { get; init; }
    public string? ProjectKind { get; init; }
    public string? TargetFramework { get; init; }
    public string? Configuration { get; init; }
    public bool UsingPlatformSdk { get; init; }
    public string? SdkVersion { get; init; }
    public ProjectOwner? Owner { get; init; }
    public bool IsCI { get; init; }
    public required DateOnly BuildDate { get; init; }
    public string? SarifFile { get; init; }
    public IReadOnlyList<string> RulePrefixes { get; init; } = [GovernanceDefaults.RulePrefix];
    public IReadOnlyList<GoldenSetting> Settings { get; init; } = [];
    public IReadOnlyList<Deviation> Deviations { get; init; } = [];
    public IReadOnlyList<StagedRule> StagedRules { get; init; } = [];

    /// <summary>The project's baseline (.platform/baseline.json), or null when it has none.</summary>
    public Platform.Baselines.BaselineStatus? Baseline { get; init; }

    /// <summary>The SARIF results, or null when the log was missing or unreadable.</summary>
    public IReadOnlyList<SarifResult>? Results { get; init; }
}
