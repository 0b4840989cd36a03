namespace Platform.Governance;

/// <summary>A PlatformRuleEnforcement entry as written (Include = rule id, ErrorFrom = yyyy-MM-dd), before any judgement.</summary>
public sealed record DeclaredEnforcement(string RuleId, string? ErrorFrom, string? DefinedIn = null);
