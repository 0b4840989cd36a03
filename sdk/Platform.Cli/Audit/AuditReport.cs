namespace Platform.Cli.Audit;

/// <summary>The dashboard document (`platform audit --format json`); docs/cli.md describes its schema.</summary>
public sealed record AuditReport(
    int SchemaVersion,
    ToolInfo Tool,
    string Root,
    string Date,
    FeedInfo Feed,
    AuditSummary Summary,
    IReadOnlyList<ProjectAudit> Projects,
    IReadOnlyList<TemplateAudit> Templates,
    IReadOnlyList<string> Problems);

public sealed record ToolInfo(string Name, string Version);

/// <summary>The newest kit versions the feed offers, where they were read, and what failed.</summary>
public sealed record FeedInfo(IReadOnlyList<string> Sources, string? NewestSdkVersion, string? NewestTemplatesVersion, string? NewestKitVersion, string NewestSource, IReadOnlyList<string> Errors);

public sealed record AuditSummary(
    int Projects,
    int PlatformProjects,
    IReadOnlyDictionary<string, int> Levels,
    int UpToDate,
    double UpToDateCoverage,
    IReadOnlyDictionary<string, int> SdkVersions,
    int Findings,
    int Deviations,
    int ExpiredDeviations,
    int OutdatedProjects,
    int TemplateDrift,
    int EvaluationErrors,
    string? MinLevel,
    int BelowMinLevel,
    int BaselineFindings = 0);

public sealed record ProjectAudit(
    string Name,
    string Path,
    string? Kind,
    bool UsesPlatformSdk,
    string? SdkVersion,
    string Level,
    IReadOnlyList<string> LevelReasons,
    DriftInfo Drift,
    IReadOnlyList<DeviationAudit> Deviations,
    IReadOnlyList<Finding> Findings,
    RecordInfo? Record,
    TemplateAudit? Template,
    string? EvaluationError,
    bool BelowMinLevel,
    BaselineAudit? Baseline = null);

/// <summary>Whether the project's Platform SDK is the newest the feed offers.</summary>
public sealed record DriftInfo(string? Newest, string Status);

public sealed record DeviationAudit(string Id, string? Reason, string? Owner, string? Expires, int? DaysLeft, string Status, string? Problem, int SuppressedResults);

/// <summary>Which build record was merged (null when the project has none).</summary>
public sealed record RecordInfo(string Path, string Level, string? BuildDate, string? Configuration, IReadOnlyList<string> TargetFrameworks, string? SdkVersion, bool Stale);

/// <summary>A `.platform/template.json`: the template a project or repo was generated from and its drift.</summary>
public sealed record TemplateAudit(string Path, string? TemplateId, string? TemplateVersion, string? Newest, string Status);

/// <summary>Levels, best first, and how they compare.</summary>
public static class Levels
{
    public const string Gold = "gold";
    public const string Silver = "silver";
    public const string Bronze = "bronze";
    public const string None = "none";

    /// <summary>A Platform SDK project without a build record: not built yet (or records turned off).</summary>
    public const string Unknown = "unknown";

    /// <summary>The project did not evaluate.</summary>
    public const string Error = "error";

    public static readonly string[] All = [Gold, Silver, Bronze, None, Unknown, Error];

    public static int Rank(string level) => level switch
    {
        Gold => 3,
        Silver => 2,
        Bronze => 1,
        _ => 0,
    };

    public static string Worst(IEnumerable<string> levels) => levels.OrderBy(Rank).FirstOrDefault() ?? None;
}
