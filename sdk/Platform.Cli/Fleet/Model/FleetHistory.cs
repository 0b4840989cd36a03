namespace Platform.Cli.Fleet;

/// <summary>
/// What the fleet view is computed from: every snapshot's counts (for the trends) and the newest snapshot of each repo
/// in full (for the tables). The store loads it with SQL; <see cref="From"/> builds the same from plain snapshots
/// (the tests hold the two to each other).
/// </summary>
public sealed record FleetHistory(IReadOnlyList<SnapshotSummary> Snapshots, IReadOnlyList<FleetSnapshot> Latest)
{
    public static FleetHistory From(IEnumerable<FleetSnapshot> snapshots)
    {
        var all = snapshots.ToList();
        return new FleetHistory(
            all.Select(SnapshotSummary.Of).OrderBy(s => s.Date).ThenBy(s => s.Repository, StringComparer.Ordinal).ToList(),
            all.GroupBy(s => s.Repository, StringComparer.Ordinal).Select(g => g.MaxBy(s => s.Date)!).OrderBy(s => s.Repository, StringComparer.Ordinal).ToList());
    }
}

/// <summary>One snapshot's counts. <see cref="Versions"/>: Platform SDK projects per kit version.</summary>
public sealed record SnapshotSummary(
    string Repository,
    DateOnly Date,
    int Projects,
    int PlatformProjects,
    int UpToDate,
    int Findings,
    int BaselineFindings,
    IReadOnlyDictionary<string, int> Versions)
{
    public static SnapshotSummary Of(FleetSnapshot snapshot) => new(
        snapshot.Repository,
        snapshot.Date,
        snapshot.Projects.Count,
        snapshot.Projects.Count(p => p.UsesPlatformSdk),
        snapshot.Projects.Count(p => p.IsUpToDate),
        snapshot.Projects.Sum(p => p.FindingCount),
        snapshot.Projects.Sum(p => p.BaselineFindings),
        CountVersions(snapshot.Projects));

    /// <summary>The one rule for "a project on version V": it uses the Platform SDK and names V.</summary>
    public static bool CountsForVersion(FleetProject project) => project.UsesPlatformSdk && project.SdkVersion is not null;

    private static Dictionary<string, int> CountVersions(IEnumerable<FleetProject> projects) =>
        projects.Where(CountsForVersion).GroupBy(p => p.SdkVersion!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
