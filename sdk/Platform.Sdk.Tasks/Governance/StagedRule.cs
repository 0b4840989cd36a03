namespace Platform.Sdk.Tasks.Governance;

/// <summary>A rule shipped as "warning until ErrorFrom, then error", and which side of that date the build is on.</summary>
internal sealed record StagedRule(string RuleId, DateOnly ErrorFrom, bool IsEnforced)
{
    public string Mode => IsEnforced ? "error" : "warning";
}
