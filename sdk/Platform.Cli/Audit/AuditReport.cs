using Platform.Governance;

namespace Platform.Cli.Audit;

/// <summary>The dashboard document (`platform audit --format json`); docs/cli.md describes its schema.</summary>
public sealed record AuditReport(
    int SchemaVersion,
    ToolInfo Tool,
    string Root,
    string Repository,
    string Date,
    FeedInfo Feed,
    AuditSummary Summary,
    IReadOnlyList<ProjectAudit> Projects,
    IReadOnlyList<TemplateAudit> Templates,
    IReadOnlyList<string> Problems)
{
    /// <summary>Adding a field keeps the version (as <c>repository</c>, a project's <c>owner</c> and <c>enforcement</c>
    /// and the summary's <c>unowned</c> were added); renaming or removing one bumps it. The fleet refuses a newer one.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The repo's name when it has no origin remote (<see cref="RepositoryIdentity"/>): its root folder's name.</summary>
    public static string RepositoryName(string root) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) is { Length: > 0 } name ? name : root;
}

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
    int BaselineFindings = 0,
    int Unowned = 0,
    int OutdatedBasePins = 0,
    int VulnerablePackages = 0);

public sealed record ProjectAudit(
    string Name,
    string Path,
    string? Kind,
    bool UsesPlatformSdk,
    string? SdkVersion,
    ComplianceLevel Level,
    IReadOnlyList<string> LevelReasons,
    DriftInfo Drift,
    IReadOnlyList<DeviationAudit> Deviations,
    IReadOnlyList<RecordedResult> Findings,
    RecordInfo? Record,
    TemplateAudit? Template,
    string? EvaluationError,
    bool BelowMinLevel,
    BaselineAudit? Baseline = null,
    ProjectOwner? Owner = null,
    IReadOnlyList<RecordedEnforcement>? Enforcement = null,
    SupplyChain.SupplyChainAudit? SupplyChain = null);

/// <summary>Whether the project's Platform SDK is the newest the feed offers.</summary>
public sealed record DriftInfo(string? Newest, string Status);

/// <summary>A deviation judged as of the audit's date (by the same evaluator as the build); Problem says why it is invalid.</summary>
public sealed record DeviationAudit(string Id, string? Reason, string? Owner, string? Expires, int? DaysLeft, DeviationStatus Status, string? Problem, int SuppressedResults);

/// <summary>Which build record was merged (null when the project has none).</summary>
public sealed record RecordInfo(string Path, ComplianceLevel Level, string? BuildDate, string? Configuration, IReadOnlyList<string> TargetFrameworks, string? SdkVersion, bool Stale);

/// <summary>A `.platform/template.json`: the template a project or repo was generated from and its drift.</summary>
public sealed record TemplateAudit(string Path, string? TemplateId, string? TemplateVersion, string? Newest, string Status);
