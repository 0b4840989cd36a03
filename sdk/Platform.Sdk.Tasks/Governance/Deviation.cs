namespace Platform.Sdk.Tasks.Governance;

/// <summary>One PlatformDeviation item, evaluated against the build date.</summary>
internal sealed record Deviation(
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
    /// <summary>True when the deviation takes effect: its id goes into PlatformDeviationIds.</summary>
    public bool IsInForce => Status is DeviationStatus.Active or DeviationStatus.Expiring;
}

/// <summary>What a deviation covers: a PLAT rule id or a golden-path setting name.</summary>
internal enum DeviationKind
{
    Unknown,
    Rule,
    Setting,
}
