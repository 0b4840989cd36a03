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
        new("PLAT1001", "Platform.Observability", "Use ILogger<T> instead of console or trace output", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT1002", "Platform.Observability", "Call AddPlatformDefaults on the host builder", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT1003", "Platform.Observability", "Call MapPlatformEndpoints on the web application", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT1004", "Platform.Observability", "Log through ILogger<T> instead of the static Serilog Log class", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT2001", "Platform.Http", "Do not create HttpClient or message handlers directly", HasCodeFix: false, Minimum: RuleSeverity.Warning),
        new("PLAT3001", "Platform.Time", "Use TimeProvider instead of the system clock", HasCodeFix: true, Minimum: RuleSeverity.Suggestion),
        new("PLAT4001", "Platform.Security", "Do not hard-code secrets", HasCodeFix: false, Minimum: RuleSeverity.Warning),
        new("PLAT4002", "Platform.Security", "Read settings through IConfiguration instead of environment variables", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT5001", "Platform.Async", "Do not block on tasks", HasCodeFix: true, Minimum: RuleSeverity.Warning),
        new("PLAT5002", "Platform.Async", "Do not use Thread.Sleep in service code", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT5003", "Platform.Async", "Do not fire and forget work inside request handling", HasCodeFix: false, Minimum: RuleSeverity.Warning),
        new("PLAT9001", "Platform.Governance", "Enable nullable reference types", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT9002", "Platform.Governance", "Do not opt a service out of telemetry", HasCodeFix: false, Minimum: RuleSeverity.Suggestion),
        new("PLAT9003", "Platform.Governance", "Do not silence platform rules without a registered deviation", HasCodeFix: false, Minimum: RuleSeverity.Warning),
    ];

    /// <summary>The rules whose code fixes `platform upgrade --apply-fixes` runs by default.</summary>
    public static IReadOnlyList<string> WithCodeFix { get; } = All.Where(r => r.HasCodeFix).Select(r => r.Id).ToList();

    public static PlatRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One PLAT rule; <paramref name="Category"/> is the descriptor's category, one per id group (Platform.Http for 2xxx, …).
/// Every rule is a warning by default and in the recommended and strict analysis modes;
/// <paramref name="Minimum"/> is its severity in the minimum mode (warning for security and correctness rules).
/// </summary>
public sealed record PlatRule(string Id, string Category, string Title, bool HasCodeFix, RuleSeverity Minimum);

/// <summary>An analyzer severity as a globalconfig writes it.</summary>
public enum RuleSeverity
{
    Suggestion,
    Warning,
}
