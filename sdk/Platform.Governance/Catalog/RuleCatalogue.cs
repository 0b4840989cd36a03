namespace Platform.Governance;

/// <summary>
/// The PLAT analyzer rules: the one source of truth for their ids, categories, titles and code fixes. Every other copy
/// is checked against this list by tests/Platform.Analyzers.Tests/CatalogueDriftTests, whose failure message names the
/// file to fix: the descriptors (analyzers/Platform.Analyzers/Rules.cs, DiagnosticIds.cs), release tracking
/// (AnalyzerReleases.*.md), the analysis-mode globalconfigs, the known ids (sdk/Sdk/build/Platform.Deviations.props),
/// docs/rules/README.md and docs/rules/PLATxxxx.md.
/// To add a rule: add a line here, then run that test and add the rule to each copy it names.
/// </summary>
public static class RuleCatalogue
{
    public static IReadOnlyList<PlatRule> All { get; } =
    [
        new("PLAT1001", RuleCategory.Observability, "Use ILogger<T> instead of console or trace output", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT1002", RuleCategory.Observability, "Call AddPlatformDefaults on the host builder", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT1003", RuleCategory.Observability, "Call MapPlatformEndpoints on the web application", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT2001", RuleCategory.Http, "Do not create HttpClient or message handlers directly", HasCodeFix: false, Minimum: RuleSeverity.Warning),
        new("PLAT3001", RuleCategory.Time, "Use TimeProvider instead of the system clock", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT4001", RuleCategory.Security, "Do not hard-code secrets", HasCodeFix: false, Minimum: RuleSeverity.Warning),
        new("PLAT4002", RuleCategory.Security, "Read settings through IConfiguration instead of environment variables", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT5001", RuleCategory.Async, "Do not block on tasks", HasCodeFix: true, Minimum: RuleSeverity.Warning),
        new("PLAT5002", RuleCategory.Async, "Do not use Thread.Sleep in service code", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT9001", RuleCategory.Governance, "Enable nullable reference types", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT9002", RuleCategory.Governance, "Do not opt a service out of telemetry", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT9003", RuleCategory.Governance, "Do not silence platform rules without a registered deviation", HasCodeFix: false, Minimum: RuleSeverity.Warning),
    ];

    /// <summary>The rules whose code fixes `platform upgrade --apply-fixes` runs by default.</summary>
    public static IReadOnlyList<string> WithCodeFix { get; } = All.Where(r => r.HasCodeFix).Select(r => r.Id).ToList();

    public static PlatRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One PLAT rule. Every rule is a warning by default and in the recommended and strict analysis modes;
/// <paramref name="Minimum"/> is its severity in the minimum mode (warning for security and correctness rules).
/// </summary>
public sealed record PlatRule(string Id, string Category, string Title, bool HasCodeFix, RuleSeverity Minimum);

/// <summary>The rule categories (the descriptor's Category), one per id group.</summary>
public static class RuleCategory
{
    public const string Observability = "Platform.Observability";
    public const string Http = "Platform.Http";
    public const string Time = "Platform.Time";
    public const string Security = "Platform.Security";
    public const string Async = "Platform.Async";
    public const string Governance = "Platform.Governance";
}

/// <summary>An analyzer severity as a globalconfig writes it.</summary>
public enum RuleSeverity
{
    Suggestion,
    Warning,
}
