using Platform.Baselines;

namespace Platform.Cli.Baseline;

/// <summary>
/// The two ways a baseline changes, as pure functions: <see cref="Record"/> takes today's findings as they are (the
/// start of adoption, or a deliberate re-record the owner reviews); <see cref="Shrink"/> keeps only what still occurs
/// and never adds (what `--update` and local builds ask for). Each appends a burn-down point when a count changed.
/// </summary>
internal static class BaselineMerge
{
    /// <param name="built">The projects the recording build compiled (baseline-relative paths). Only these change: a
    /// baseline shared by several folders of one repo keeps the other folders' projects as they are.</param>
    public static BaselineDocument Record(BaselineDocument? existing, IReadOnlyList<CurrentFinding> findings, IReadOnlyCollection<string> built, string owner, string targetDate, string today)
    {
        var projects = findings.GroupBy(f => f.Project, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Entry).ToList(), StringComparer.Ordinal);
        foreach (var old in (existing?.Projects ?? []).Where(p => built.Contains(p.Path)))
        {
            projects.TryAdd(old.Path, []);
        }

        var untouched = (existing?.Projects ?? []).Where(p => !projects.ContainsKey(p.Path));
        return new BaselineDocument(owner, targetDate, projects
            .Select(p => WithPoint(existing?.Project(p.Key), p.Key, p.Value, today))
            .Where(p => p.Count > 0 || p.BurnDown.Count > 1)
            .Concat(untouched)
            .ToList());
    }

    /// <param name="built">As for <see cref="Record"/>: a project the build did not compile keeps its entries.</param>
    public static BaselineDocument Shrink(BaselineDocument existing, IReadOnlyList<CurrentFinding> findings, IReadOnlyCollection<string> built, string today)
    {
        var current = findings.GroupBy(f => (f.Project, f.Entry.Key)).ToDictionary(g => g.Key, g => g.Sum(f => f.Entry.Count));
        return existing with
        {
            Projects = existing.Projects.Select(project =>
            {
                if (!built.Contains(project.Path))
                {
                    return project;
                }

                var kept = project.Findings
                    .Select(entry => entry with { Count = Math.Min(entry.Count, current.GetValueOrDefault((project.Path, entry.Key))) })
                    .Where(entry => entry.Count > 0)
                    .ToList();
                return WithPoint(project, project.Path, kept, today);
            }).ToList(),
        };
    }

    /// <summary>Today's findings that the baseline does not cover: CI fails on them.</summary>
    public static IReadOnlyList<CurrentFinding> NotCovered(BaselineDocument? baseline, IReadOnlyList<CurrentFinding> findings)
    {
        var allowed = (baseline?.Projects ?? []).SelectMany(p => p.Findings.Select(f => (p.Path, f.Key, f.Count)))
            .ToDictionary(x => (x.Path, x.Key), x => x.Count);
        return findings.Where(f => f.Entry.Count > allowed.GetValueOrDefault((f.Project, f.Entry.Key))).ToList();
    }

    private static BaselineProject WithPoint(BaselineProject? old, string path, List<BaselineEntry> findings, string today)
    {
        var count = findings.Sum(f => f.Count);
        var points = (old?.BurnDown ?? []).ToList();
        if (points.Count == 0 || points[^1].Count != count)
        {
            // One point per day: a second change on the same day replaces that day's point.
            if (points.Count > 0 && points[^1].Date == today)
            {
                points.RemoveAt(points.Count - 1);
            }

            points.Add(new BaselinePoint(today, count));
        }

        return new BaselineProject(path, points, findings);
    }
}
