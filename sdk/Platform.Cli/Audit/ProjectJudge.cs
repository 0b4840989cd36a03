using Platform.Cli.Infrastructure;
using Platform.Governance;

namespace Platform.Cli.Audit;

/// <summary>
/// Judges one scanned project: its deviations as of the audit's date and its level, both through the governance
/// library (the same code the build's tasks run), plus its kit and template drift.
/// </summary>
public static class ProjectJudge
{
    public static ProjectAudit Judge(ScannedProject project, AuditContext context)
    {
        var clock = GovernanceClock.Resolve(IsoDate.ToText(context.Today), project.WarnDays, project.MaxDays, project.FullPath, []);
        var deviations = DeviationEvaluator.Evaluate(project.Deviations, project.KnownIds, clock, project.FullPath, []);
        var latest = project.Records.MaxBy(r => r.WrittenUtc);
        var stale = project.SdkVersion is not null && latest?.Record.Sdk.Version is { } recordSdk
            && !string.Equals(project.SdkVersion, recordSdk, StringComparison.OrdinalIgnoreCase);

        var (baseline, baselineStatus) = context.Baseline.For(project.FullPath);
        var (level, reasons) = LevelJudge.JudgeProject(new ProjectFacts
        {
            Baseline = baselineStatus,
            UsesPlatformSdk = project.UsesPlatformSdk,
            SdkVersion = project.SdkVersion,
            EvaluationError = project.EvaluationError,
            Records = project.Records.Select(r => r.Record).ToList(),
            StaleRecordSdkVersion = stale ? latest!.Record.Sdk.Version : null,
            Deviations = deviations,
        });

        var suppressedByDeviation = project.Records.SelectMany(r => r.Record.Deviations)
            .GroupBy(d => d.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(d => d.SuppressedResults), StringComparer.OrdinalIgnoreCase);

        RecordInfo? record = latest is null || level is ComplianceLevel.Error or ComplianceLevel.None ? null : new RecordInfo(
            context.Layout.Relative(latest.Path),
            level,
            latest.Record.BuildDate,
            latest.Record.Project.Configuration,
            project.Records.Select(r => r.Record.Project.TargetFramework).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList(),
            latest.Record.Sdk.Version,
            stale);

        return new ProjectAudit(
            project.Name,
            context.Layout.Relative(project.FullPath),
            project.Kind,
            project.UsesPlatformSdk,
            project.SdkVersion,
            level,
            reasons,
            Drift(project, context.NewestKit),
            deviations.Select(d => new DeviationAudit(
                d.Id,
                NullIfEmpty(d.Reason),
                NullIfEmpty(d.Owner),
                NullIfEmpty(d.ExpiresText),
                d.DaysLeft,
                d.Status,
                d.Problems.FirstOrDefault(p => p.IsError && d.Status == DeviationStatus.Invalid)?.Message,
                d.IsInForce ? suppressedByDeviation.GetValueOrDefault(d.Id) : 0)).ToList(),
            project.Records.SelectMany(r => r.Record.Findings).Distinct().ToList(),
            record,
            Template(project, context),
            project.EvaluationError,
            context.MinLevel is { } min && level.IsBelow(min),
            baseline,
            project.Owner,
            latest?.Record.Enforcement ?? []);
    }

    private static DriftInfo Drift(ScannedProject project, string? newestKit) =>
        !project.UsesPlatformSdk ? new DriftInfo(newestKit, "n/a")
        : project.SdkVersion is null || newestKit is null ? new DriftInfo(newestKit, "unknown")
        : KitVersions.Compare(project.SdkVersion, newestKit) switch
        {
            < 0 => new DriftInfo(newestKit, "outdated"),
            0 => new DriftInfo(newestKit, "current"),
            _ => new DriftInfo(newestKit, "newer"),
        };

    private static TemplateAudit? Template(ScannedProject project, AuditContext context)
    {
        if (TemplateDrift.FindFor(context.Layout, project.FullPath) is not { } file)
        {
            return null;
        }

        lock (context.Templates)
        {
            if (!context.Templates.TryGetValue(file, out var template))
            {
                template = TemplateDrift.Read(context.Layout, file, context.NewestTemplates);
                context.Templates[file] = template;
            }

            return template;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>What every project of one audit is judged against; collects the template stamps seen.</summary>
public sealed record AuditContext(RepoLayout Layout, DateOnly Today, string? NewestKit, string? NewestTemplates, ComplianceLevel? MinLevel, RepoBaseline Baseline)
{
    public Dictionary<string, TemplateAudit> Templates { get; } = new(StringComparer.Ordinal);
}
