namespace Platform.Governance;

/// <summary>
/// The governance defaults, defined once. Platform.Deviations.props and Platform.Compliance.props declare the same
/// values as MSBuild defaults; tests/Platform.Analyzers.Tests/CatalogueDriftTests keeps them equal.
/// </summary>
public static class GovernanceDefaults
{
    /// <summary>PlatformDeviationWarnDays: a deviation this close to its expiry warns (PLAT0110).</summary>
    public const int WarnDays = 14;

    /// <summary>PlatformDeviationMaxDays: how far ahead a deviation may expire (PLAT0105).</summary>
    public const int MaxDays = 180;

    /// <summary>A hundred years: any day count above it is a typo, not a policy (PLAT0121).</summary>
    public const int LargestDayCount = 36500;

    /// <summary>PlatformComplianceRulePrefixes: the rule id prefix the record governs.</summary>
    public const string RulePrefix = "PLAT";
}
