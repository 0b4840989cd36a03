using System.Text.Json.Serialization;

namespace Platform.Governance;

/// <summary>One declared deviation, judged against a date: its kind, status and the problems that made it so.</summary>
public sealed record Deviation(
    string Id,
    DeviationKind Kind,
    string Reason,
    string Owner,
    string ExpiresText,
    DateOnly? Expires,
    int? DaysLeft,
    DeviationStatus Status,
    string? DefinedIn)
{
    /// <summary>The problems found in this entry (errors make it invalid or expired; PLAT0110 is a warning).</summary>
    public IReadOnlyList<GovernanceProblem> Problems { get; init; } = [];

    /// <summary>True when the deviation takes effect: its id goes into PlatformDeviationIds.</summary>
    public bool IsInForce => Status is DeviationStatus.Active or DeviationStatus.Expiring;

    /// <summary>True when the deviation makes the project bronze.</summary>
    public bool IsBroken => Status is DeviationStatus.Expired or DeviationStatus.Invalid;
}

/// <summary>What a deviation covers: a PLAT rule id or a golden-path setting name. The lower-case names are the record's values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeviationKind>))]
public enum DeviationKind
{
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    [JsonStringEnumMemberName("rule")]
    Rule,

    [JsonStringEnumMemberName("setting")]
    Setting,
}
