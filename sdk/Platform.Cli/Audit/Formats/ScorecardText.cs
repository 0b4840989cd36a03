using System.Globalization;
using Platform.Governance;

namespace Platform.Cli.Audit.Formats;

/// <summary>The scorecard's cells and summary lines in words, shared by the table and markdown formats.</summary>
public static class ScorecardText
{
    public static string Level(ProjectAudit p, AuditReport report) =>
        p.Level.Name() + (p.BelowMinLevel ? " (below " + report.Summary.MinLevel + ")" : string.Empty);

    public static string Sdk(ProjectAudit p) => p.SdkVersion is null
        ? "-"
        : p.Drift.Status switch
        {
            "outdated" => $"{p.SdkVersion} (newest {p.Drift.Newest})",
            "current" => p.SdkVersion + " (newest)",
            _ => p.SdkVersion,
        };

    /// <summary>The owning team, "(CODEOWNERS)" when it came from there, or "no owner" (PLAT0457 in the fleet view).</summary>
    public static string Owner(ProjectAudit p) => p.Owner is null
        ? "no owner"
        : p.Owner.Name + (p.Owner.Source == OwnerSource.CodeOwners ? " (CODEOWNERS)" : string.Empty);

    public static string Deviations(ProjectAudit p) => p.Deviations.Count == 0
        ? "-"
        : string.Join("; ", p.Deviations.Select(d => $"{d.Id} {d.Owner ?? "no owner"} {When(d)}"));

    public static string Findings(ProjectAudit p) => p.Findings.Count == 0
        ? "-"
        : string.Join("; ", p.Findings.Select(f => f.RuleId + (f.File is null ? string.Empty : " " + f.File + (f.Line is null ? string.Empty : ":" + f.Line))));

    public static IEnumerable<string> SummaryLines(AuditReport report)
    {
        var s = report.Summary;
        yield return $"{s.Projects} project(s), {s.PlatformProjects} on the Platform SDK: " +
            string.Join(", ", s.Levels.Where(l => l.Value > 0 || (ComplianceLevels.TryParse(l.Key, out var level) && level.Rank() > 0)).Select(l => $"{l.Key} {l.Value}")) + ".";
        yield return report.Feed.NewestKitVersion is null
            ? "Up-to-date coverage: unknown (no Platform.Sdk version found in the feed or the repo)."
            : $"Up-to-date coverage: {s.UpToDate}/{s.Projects} ({s.UpToDateCoverage.ToString("P0", CultureInfo.InvariantCulture)}) on Platform SDK {report.Feed.NewestKitVersion} " +
              (report.Feed.NewestSource == "feed" ? "(newest in the feed)." : "(newest in the repo; the feed gave no version).");
        yield return $"Findings {s.Findings}, deviations {s.Deviations} ({s.ExpiredDeviations} expired or invalid), outdated SDK {s.OutdatedProjects}, template drift {s.TemplateDrift}.";
        if (s.Unowned > 0)
        {
            yield return $"{s.Unowned} project(s) have no owner: set PlatformOwner in the project or Directory.Build.props, or add them to CODEOWNERS.";
        }

        foreach (var error in report.Feed.Errors)
        {
            yield return "feed: " + error;
        }

        foreach (var problem in report.Problems)
        {
            yield return "warning: " + problem;
        }

        if (s.MinLevel is not null)
        {
            yield return s.BelowMinLevel == 0
                ? $"Gate --min-level {s.MinLevel}: passed."
                : $"Gate --min-level {s.MinLevel}: FAILED, {s.BelowMinLevel} project(s) below {s.MinLevel}.";
        }
    }

    private static string When(DeviationAudit d) => d.Status switch
    {
        DeviationStatus.Expired => $"EXPIRED {d.Expires}",
        DeviationStatus.Invalid => $"INVALID ({d.Problem})",
        DeviationStatus.Expiring => $"expires {d.Expires} ({d.DaysLeft}d!)",
        _ => $"until {d.Expires} ({d.DaysLeft}d)",
    };
}
