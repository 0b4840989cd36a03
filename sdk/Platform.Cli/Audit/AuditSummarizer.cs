using Platform.Cli.Infrastructure;
using Platform.Governance;

namespace Platform.Cli.Audit;

/// <summary>The repo-wide counts of an audit: levels, coverage, SDK versions, findings, deviations, drift, gate.</summary>
public static class AuditSummarizer
{
    public static AuditSummary Summarize(IReadOnlyList<ProjectAudit> projects, IEnumerable<TemplateAudit> templates, ComplianceLevel? minLevel)
    {
        var upToDate = projects.Count(p => p.Drift.Status is "current" or "newer");
        return new AuditSummary(
            projects.Count,
            projects.Count(p => p.UsesPlatformSdk),
            ComplianceLevels.All.ToDictionary(l => l.Name(), l => projects.Count(p => p.Level == l)),
            upToDate,
            projects.Count == 0 ? 0 : Math.Round((double)upToDate / projects.Count, 4),
            projects.Where(p => p.SdkVersion is not null).GroupBy(p => p.SdkVersion!).OrderBy(g => g.Key, Comparer<string>.Create(KitVersions.Compare))
                .ToDictionary(g => g.Key, g => g.Count()),
            projects.Sum(p => p.Findings.Count(f => f.CountsAgainstLevel)),
            projects.Sum(p => p.Deviations.Count),
            projects.Sum(p => p.Deviations.Count(d => d.Status is DeviationStatus.Expired or DeviationStatus.Invalid)),
            projects.Count(p => p.Drift.Status == "outdated"),
            templates.Count(t => t.Status == "outdated"),
            projects.Count(p => p.EvaluationError is not null),
            minLevel?.Name(),
            projects.Count(p => p.BelowMinLevel),
            Unowned: projects.Count(p => p.Owner is null));
    }
}
