using System.Globalization;
using System.Reflection;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

/// <summary>
/// The audit, step by step: read the feed (in the background), evaluate the projects (<see cref="ProjectEvaluation"/>),
/// gather each one with its build records (<see cref="ProjectScanner"/>), judge it (<see cref="ProjectJudge"/>), add
/// the template stamps no project claimed (<see cref="TemplateDrift"/>) and count (<see cref="AuditSummarizer"/>).
/// Rendering is the formats' job (Formats/).
/// </summary>
public static class AuditRunner
{
    public static string ToolVersion { get; } =
        typeof(AuditRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<AuditReport> RunAsync(RepoLayout layout, AuditOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var feedTask = options.Offline
            ? Task.FromResult(new FeedSnapshot([], new Dictionary<string, IReadOnlyList<string>>(), []))
            : Task.Run(() => FeedClient.ReadAsync(layout.Root, options.Feed, [FeedClient.SdkPackageId, FeedClient.TemplatesPackageId], TimeSpan.FromSeconds(20), cancellationToken), cancellationToken);

        var outcomes = options.RecordsOnly ? new EvaluationOutcome?[layout.Projects.Count] : ProjectEvaluation.EvaluateAll(layout, progress, cancellationToken);

        var problems = new List<string>();
        var pins = new GlobalJsonPins();
        var codeOwners = new CodeOwnersFiles();
        var scanned = new List<ScannedProject>(layout.Projects.Count);
        for (var i = 0; i < layout.Projects.Count; i++)
        {
            scanned.Add(ProjectScanner.Scan(layout.Projects[i], outcomes[i], options, pins, codeOwners, problems));
            if (options.RecordsOnly)
            {
                progress?.Report(new ScanProgress(i + 1, layout.Projects.Count, layout.Relative(layout.Projects[i])));
            }
        }

        var feed = await feedTask;
        var newestSdk = KitVersions.Newest(feed.VersionsOf(FeedClient.SdkPackageId), options.IncludePrerelease);
        var newestTemplates = KitVersions.Newest(feed.VersionsOf(FeedClient.TemplatesPackageId), options.IncludePrerelease);
        var newestKit = newestSdk ?? KitVersions.Newest(scanned.Select(r => r.SdkVersion).OfType<string>(), includePrerelease: true);
        var newestSource = newestSdk is not null ? "feed" : newestKit is null ? "none" : "repo";

        var basePins = await SupplyChain.ApprovedBasePins.ReadAsync(feed, newestSdk, TimeSpan.FromSeconds(20), cancellationToken);
        if (basePins.Problem is not null)
        {
            problems.Add(basePins.Problem);
        }

        var context = new AuditContext(layout, today, newestKit, newestTemplates ?? newestKit, options.MinLevel, RepoBaseline.Load(layout, today, problems), basePins);
        var projects = scanned.Select(p => ProjectJudge.Judge(p, context)).ToList();
        foreach (var file in TemplateDrift.FindAll(layout).Where(f => !context.Templates.ContainsKey(f)))
        {
            context.Templates[file] = TemplateDrift.Read(layout, file, context.NewestTemplates);
        }

        var templates = context.Templates.Values.OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
        return new AuditReport(
            AuditReport.CurrentSchemaVersion,
            new ToolInfo("platform", ToolVersion),
            layout.Root,
            await RepositoryIdentity.ResolveAsync(layout.Root, cancellationToken),
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new FeedInfo(feed.Sources, newestSdk, newestTemplates, newestKit, newestSource, feed.Errors),
            AuditSummarizer.Summarize(projects, templates, options.MinLevel) with
            {
                BaselineFindings = projects.Sum(p => p.Baseline?.Findings ?? 0),
                OutdatedBasePins = SupplyChain.SupplyChainJudge.DriftedBasePins(projects),
                VulnerablePackages = SupplyChain.SupplyChainJudge.VulnerablePackageCount(projects),
            },
            projects,
            templates,
            problems);
    }
}
