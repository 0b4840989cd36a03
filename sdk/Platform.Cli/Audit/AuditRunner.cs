using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

public sealed record AuditOptions(
    string? MinLevel = null,
    bool RecordsOnly = false,
    string? Feed = null,
    bool Offline = false,
    string? Configuration = null,
    bool IncludePrerelease = false,
    DateOnly? Today = null);

/// <summary>One progress step of a scan.</summary>
public readonly record struct ScanProgress(int Done, int Total, string Current);

/// <summary>
/// The audit: evaluates each project (or, with records-only, reads only its build records), merges the compliance record
/// of its last build, judges its deviations against today, and compares its SDK and template versions with the feed.
/// </summary>
public static partial class AuditRunner
{
    private const int DefaultWarnDays = 14;
    private const int DefaultMaxDays = 180;

    public static async Task<AuditReport> RunAsync(RepoLayout layout, AuditOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var feedTask = options.Offline
            ? Task.FromResult(new FeedSnapshot([], new Dictionary<string, IReadOnlyList<string>>(), []))
            : Task.Run(() => FeedClient.ReadAsync(layout.Root, options.Feed, [FeedClient.SdkPackageId, FeedClient.TemplatesPackageId], TimeSpan.FromSeconds(20), cancellationToken), cancellationToken);

        var outcomes = new EvaluationOutcome?[layout.Projects.Count];
        if (!options.RecordsOnly)
        {
            EvaluateAll(layout, outcomes, progress, cancellationToken);
        }

        var problems = new List<string>();
        var pins = new GlobalJsonPins();
        var raw = new List<RawProject>(layout.Projects.Count);
        for (var i = 0; i < layout.Projects.Count; i++)
        {
            raw.Add(Collect(layout.Projects[i], outcomes[i], options, pins, problems));
            if (options.RecordsOnly)
            {
                progress?.Report(new ScanProgress(i + 1, layout.Projects.Count, layout.Relative(layout.Projects[i])));
            }
        }

        var feed = await feedTask;
        var newestSdk = KitVersions.Newest(feed.VersionsOf(FeedClient.SdkPackageId), options.IncludePrerelease);
        var newestTemplates = KitVersions.Newest(feed.VersionsOf(FeedClient.TemplatesPackageId), options.IncludePrerelease);
        var newestSource = "feed";
        var newestKit = newestSdk;
        if (newestKit is null)
        {
            newestKit = KitVersions.Newest(raw.Select(r => r.SdkVersion).OfType<string>(), includePrerelease: true);
            newestSource = newestKit is null ? "none" : "repo";
        }

        var templates = new Dictionary<string, TemplateAudit>(StringComparer.Ordinal);
        var projects = raw.Select(r => Judge(layout, r, today, newestKit, newestTemplates ?? newestKit, options.MinLevel, templates)).ToList();
        foreach (var template in FindTemplateFiles(layout))
        {
            if (!templates.ContainsKey(template))
            {
                templates[template] = ReadTemplate(layout, template, newestTemplates ?? newestKit);
            }
        }

        (projects, var baselined) = BaselineAudits.Attach(layout, projects, today, options.MinLevel, problems);
        var summary = Summarize(projects, templates.Values, options.MinLevel) with { BaselineFindings = baselined };
        return new AuditReport(
            1,
            new ToolInfo("platform", ToolVersion),
            layout.Root,
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new FeedInfo(feed.Sources, newestSdk, newestTemplates, newestKit, newestSource, feed.Errors),
            summary,
            projects,
            templates.Values.OrderBy(t => t.Path, StringComparer.Ordinal).ToList(),
            problems);
    }

    public static string ToolVersion { get; } =
        typeof(AuditRunner).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static void EvaluateAll(RepoLayout layout, EvaluationOutcome?[] outcomes, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        using var evaluator = ProjectEvaluatorFactory.Create();
        var done = 0;
        Parallel.For(
            0,
            layout.Projects.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            i =>
            {
                outcomes[i] = evaluator.Evaluate(layout.Projects[i]);
                var count = Interlocked.Increment(ref done);
                progress?.Report(new ScanProgress(count, layout.Projects.Count, layout.Relative(layout.Projects[i])));
            });
    }

    private sealed record RawProject(
        string FullPath,
        string Name,
        bool UsesPlatformSdk,
        string? SdkVersion,
        string? Kind,
        IReadOnlyList<DeclaredDeviation> Deviations,
        int WarnDays,
        int MaxDays,
        IReadOnlyList<ComplianceRecord> Records,
        string? EvaluationError);

    private static RawProject Collect(string projectPath, EvaluationOutcome? outcome, AuditOptions options, GlobalJsonPins pins, List<string> problems)
    {
        var directory = Path.GetDirectoryName(projectPath)!;
        var evaluated = outcome?.Project;
        var allRecords = ComplianceRecord.FindAll(
            directory,
            evaluated?.Property("BaseIntermediateOutputPath"),
            evaluated?.Property("PlatformComplianceFile") is { } file && Path.IsPathRooted(file) ? file : null,
            problems);
        var records = SelectRecords(allRecords, options.Configuration);
        var latest = records.OrderByDescending(r => r.WrittenUtc).FirstOrDefault();
        var name = evaluated?.Property("MSBuildProjectName") ?? Path.GetFileNameWithoutExtension(projectPath);

        if (evaluated is not null)
        {
            return new RawProject(
                projectPath,
                name,
                string.Equals(evaluated.Property("UsingPlatformSdk"), "true", StringComparison.OrdinalIgnoreCase),
                evaluated.Property("PlatformSdkVersion"),
                evaluated.Property("PlatformProjectKind") ?? latest?.Kind,
                evaluated.Deviations,
                ParseInt(evaluated.Property("PlatformDeviationWarnDays"), DefaultWarnDays),
                ParseInt(evaluated.Property("PlatformDeviationMaxDays"), DefaultMaxDays),
                records,
                null);
        }

        // Records only, or the evaluation failed: the record and the project file tell what they can.
        var (sniffedUse, sniffedVersion) = SniffProjectFile(projectPath, pins);
        var deviations = latest?.Deviations.Select(d => new DeclaredDeviation(d.Id, d.Reason, d.Owner, d.Expires)).ToList() ?? [];
        return new RawProject(
            projectPath,
            name,
            latest?.SdkUsed ?? sniffedUse,
            latest?.SdkVersion ?? sniffedVersion,
            latest?.Kind,
            deviations,
            DefaultWarnDays,
            DefaultMaxDays,
            records,
            outcome?.Error);
    }

    /// <summary>The records of one configuration: the one asked for, else the most recently built.</summary>
    private static IReadOnlyList<ComplianceRecord> SelectRecords(IReadOnlyList<ComplianceRecord> records, string? configuration)
    {
        if (records.Count == 0)
        {
            return records;
        }

        if (configuration is not null)
        {
            return records.Where(r => string.Equals(r.Configuration, configuration, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        var newest = records.OrderByDescending(r => r.WrittenUtc).First().Configuration;
        return records.Where(r => string.Equals(r.Configuration, newest, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static ProjectAudit Judge(RepoLayout layout, RawProject raw, DateOnly today, string? newestKit, string? newestTemplates, string? minLevel, Dictionary<string, TemplateAudit> templates)
    {
        var reasons = new List<string>();
        var recorded = raw.Records.SelectMany(r => r.Deviations).GroupBy(d => d.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var deviations = raw.Deviations.Select(d => JudgeDeviation(d, today, raw.WarnDays, raw.MaxDays, recorded.GetValueOrDefault(d.Id), !seen.Add(d.Id))).ToList();
        var findings = raw.Records.SelectMany(r => r.Findings).Distinct().ToList();

        RecordInfo? recordInfo = null;
        string level;
        if (raw.EvaluationError is not null)
        {
            level = Levels.Error;
            reasons.Add("the project did not evaluate: " + FirstLine(raw.EvaluationError));
        }
        else if (!raw.UsesPlatformSdk)
        {
            level = Levels.None;
            reasons.Add("does not use the Platform SDK");
        }
        else if (raw.Records.Count > 0)
        {
            level = Levels.Worst(raw.Records.Select(r => r.Level));
            reasons.AddRange(raw.Records.SelectMany(r => r.LevelReasons).Distinct());
            var latest = raw.Records.OrderByDescending(r => r.WrittenUtc).First();
            var stale = raw.SdkVersion is not null && latest.SdkVersion is not null && !string.Equals(raw.SdkVersion, latest.SdkVersion, StringComparison.OrdinalIgnoreCase);
            if (stale)
            {
                reasons.Add($"the build record is from Platform SDK {latest.SdkVersion}, the project is now on {raw.SdkVersion}: rebuild for a current level");
            }

            recordInfo = new RecordInfo(
                layout.Relative(latest.Path), level, latest.BuildDate, latest.Configuration,
                raw.Records.Select(r => r.TargetFramework).OfType<string>().Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList(),
                latest.SdkVersion, stale);
        }
        else
        {
            level = Levels.Unknown;
            reasons.Add("no compliance record: build the project (dotnet build writes obj/platform/<Configuration>/<TargetFramework>/compliance.json)");
        }

        var broken = deviations.Where(d => d.Status is "expired" or "invalid").ToList();
        if (broken.Count > 0 && level is not Levels.Error and not Levels.None)
        {
            if (Levels.Rank(level) > 1 || level == Levels.Unknown)
            {
                level = Levels.Bronze;
            }

            foreach (var d in broken)
            {
                var text = d.Status == "expired"
                    ? $"deviation {d.Id} (owner {d.Owner ?? "?"}) expired on {d.Expires}"
                    : $"deviation {d.Id} is invalid: {d.Problem}";
                if (!reasons.Contains(text))
                {
                    reasons.Add(text);
                }
            }
        }

        var drift = !raw.UsesPlatformSdk
            ? new DriftInfo(newestKit, "n/a")
            : raw.SdkVersion is null || newestKit is null
                ? new DriftInfo(newestKit, "unknown")
                : KitVersions.Compare(raw.SdkVersion, newestKit) switch
                {
                    < 0 => new DriftInfo(newestKit, "outdated"),
                    0 => new DriftInfo(newestKit, "current"),
                    _ => new DriftInfo(newestKit, "newer"),
                };

        TemplateAudit? template = null;
        if (FindTemplateFor(layout, raw.FullPath) is { } templateFile)
        {
            if (!templates.TryGetValue(templateFile, out template))
            {
                template = ReadTemplate(layout, templateFile, newestTemplates);
                templates[templateFile] = template;
            }
        }

        var below = minLevel is not null && Levels.Rank(level) < Levels.Rank(minLevel);
        return new ProjectAudit(
            raw.Name,
            layout.Relative(raw.FullPath),
            raw.Kind,
            raw.UsesPlatformSdk,
            raw.SdkVersion,
            level,
            reasons,
            drift,
            deviations,
            findings,
            recordInfo,
            template,
            raw.EvaluationError,
            below);
    }

    private static DeviationAudit JudgeDeviation(DeclaredDeviation d, DateOnly today, int warnDays, int maxDays, RecordDeviation? recorded, bool duplicate)
    {
        int? daysLeft = null;
        string status;
        string? problem = null;
        var parsed = DateOnly.TryParseExact(d.Expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires);
        if (parsed)
        {
            daysLeft = expires.DayNumber - today.DayNumber;
        }

        if (d.Reason is null || d.Owner is null || d.Expires is null)
        {
            status = "invalid";
            problem = "missing " + string.Join(", ", new[] { d.Reason is null ? "Reason" : null, d.Owner is null ? "Owner" : null, d.Expires is null ? "Expires" : null }.OfType<string>());
        }
        else if (!parsed)
        {
            status = "invalid";
            problem = $"Expires '{d.Expires}' is not a yyyy-MM-dd date";
        }
        else if (duplicate)
        {
            status = "invalid";
            problem = "registered more than once";
        }
        else if (daysLeft < 0)
        {
            status = "expired";
        }
        else if (daysLeft > maxDays)
        {
            status = "invalid";
            problem = $"expires more than {maxDays} days ahead";
        }
        else if (recorded?.Status == "invalid")
        {
            status = "invalid";
            problem = "the last build rejected it (unknown rule or setting?)";
        }
        else
        {
            status = daysLeft <= warnDays ? "expiring" : "active";
        }

        return new DeviationAudit(d.Id, d.Reason, d.Owner, d.Expires, daysLeft, status, problem, recorded?.SuppressedResults ?? 0);
    }

    private static AuditSummary Summarize(IReadOnlyList<ProjectAudit> projects, IEnumerable<TemplateAudit> templates, string? minLevel)
    {
        var levels = Levels.All.ToDictionary(l => l, l => projects.Count(p => p.Level == l));
        var upToDate = projects.Count(p => p.Drift.Status is "current" or "newer");
        return new AuditSummary(
            projects.Count,
            projects.Count(p => p.UsesPlatformSdk),
            levels,
            upToDate,
            projects.Count == 0 ? 0 : Math.Round((double)upToDate / projects.Count, 4),
            projects.Where(p => p.SdkVersion is not null).GroupBy(p => p.SdkVersion!).OrderBy(g => g.Key, Comparer<string>.Create(KitVersions.Compare))
                .ToDictionary(g => g.Key, g => g.Count()),
            projects.Sum(p => p.Findings.Count(f => f.Level is "error" or "warning")),
            projects.Sum(p => p.Deviations.Count),
            projects.Sum(p => p.Deviations.Count(d => d.Status is "expired" or "invalid")),
            projects.Count(p => p.Drift.Status == "outdated"),
            templates.Count(t => t.Status == "outdated"),
            projects.Count(p => p.EvaluationError is not null),
            minLevel,
            projects.Count(p => p.BelowMinLevel));
    }

    private static IEnumerable<string> FindTemplateFiles(RepoLayout layout) =>
        layout.FindFiles(f => Path.GetFileName(f) == "template.json" && Path.GetFileName(Path.GetDirectoryName(f)) == ".platform");

    /// <summary>The nearest .platform/template.json from the project's folder up to the repo root.</summary>
    private static string? FindTemplateFor(RepoLayout layout, string projectPath)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(projectPath)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".platform", "template.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (string.Equals(dir.FullName.TrimEnd(Path.DirectorySeparatorChar), layout.Root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                break;
            }
        }

        return null;
    }

    private static TemplateAudit ReadTemplate(RepoLayout layout, string file, string? newest)
    {
        string? id = null;
        string? version = null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                id = json.RootElement.TryGetProperty("templateId", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                version = json.RootElement.TryGetProperty("templateVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return new TemplateAudit(layout.Relative(file), null, null, newest, "unreadable");
        }

        var status = version is null || newest is null ? "unknown" : KitVersions.Compare(version, newest) < 0 ? "outdated" : "current";
        return new TemplateAudit(layout.Relative(file), id, version, newest, status);
    }

    private static (bool Uses, string? Version) SniffProjectFile(string projectPath, GlobalJsonPins pins)
    {
        string text;
        try
        {
            text = File.ReadAllText(projectPath);
        }
        catch (IOException)
        {
            return (false, null);
        }

        var match = SdkReference().Match(text);
        if (!match.Success)
        {
            return (false, null);
        }

        var sdk = match.Groups["name"].Value;
        var version = match.Groups["version"].Success ? match.Groups["version"].Value : pins.Find(Path.GetDirectoryName(projectPath)!, sdk);
        return (true, version);
    }

    private static int ParseInt(string? value, int fallback) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : fallback;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    [GeneratedRegex("""(?:\bSdk\s*=\s*"(?:[^"]*;)?\s*|<Sdk\s+Name\s*=\s*")(?<name>Platform\.Sdk(?:\.[A-Za-z0-9_]+)*)(?:/(?<version>[^";\s]+))?""")]
    private static partial Regex SdkReference();

    /// <summary>The msbuild-sdks pins of the global.json files above a folder (cached).</summary>
    private sealed class GlobalJsonPins
    {
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>?> _cache = new(StringComparer.Ordinal);

        public string? Find(string folder, string sdk)
        {
            for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            {
                var file = Path.Combine(dir.FullName, "global.json");
                if (!_cache.TryGetValue(file, out var pins))
                {
                    pins = File.Exists(file) ? Upgrade.GlobalJson.ReadPins(file) : null;
                    _cache[file] = pins;
                }

                if (pins is not null)
                {
                    return pins.TryGetValue(sdk, out var version) ? version : null;
                }
            }

            return null;
        }
    }
}
