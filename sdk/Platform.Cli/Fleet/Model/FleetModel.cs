using System.Globalization;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Fleet;

/// <summary>
/// The fleet's numbers, computed from a <see cref="FleetHistory"/> as of a date: pure, no I/O (docs/fleet.md defines
/// each figure). Kit versions order by NuGet rules (<see cref="KitVersions"/>).
/// </summary>
public static class FleetModel
{
    /// <summary>The owner shown for a project with neither PlatformOwner nor a CODEOWNERS rule.</summary>
    public const string NoOwner = "(no owner)";

    /// <summary>"Expiring soon" in the fleet view: within this many days of the report date.</summary>
    public const int ExpiringWindowDays = 30;

    /// <summary>The `platform sync` command a drifted repo is pointed to.</summary>
    public const string SyncCommand = "platform sync";

    public static FleetView Compute(FleetHistory history, DateOnly today)
    {
        if (history.Snapshots.Count == 0)
        {
            throw new CliException(ExitCodes.FleetDatabaseError, $"{FleetCodes.EmptyHistory}: the fleet history holds no snapshot. Run `platform fleet ingest` first.");
        }

        var latest = history.Latest;
        var projects = latest.SelectMany(s => s.Projects.Select(p => (Repo: s.Repository, Project: p))).ToList();
        var deviations = Deviations(latest, today);
        var timeline = Timeline(history.Snapshots);
        var versions = history.Snapshots.SelectMany(s => s.Versions.Keys).Distinct(StringComparer.Ordinal).Order(Comparer<string>.Create(KitVersions.Compare)).ToList();

        var totals = new FleetTotals(
            latest.Count,
            projects.Count,
            projects.Count(p => p.Project.UsesPlatformSdk),
            projects.Count(p => p.Project.IsUpToDate),
            Share(projects.Count(p => p.Project.IsUpToDate), projects.Count),
            projects.Sum(p => p.Project.FindingCount),
            projects.Sum(p => p.Project.BaselineFindings),
            deviations.Count,
            deviations.Count(d => d.ExpiresWithin30Days),
            deviations.Count(d => d.Status is "expired" or "invalid"),
            projects.Count(p => p.Project.Owner is null),
            history.Snapshots.Min(s => s.Date),
            history.Snapshots.Max(s => s.Date),
            history.Snapshots.Count);

        return new FleetView(
            today,
            totals,
            Platform.Governance.ComplianceLevels.All.ToDictionary(l => Platform.Governance.ComplianceLevels.Name(l), l => projects.Count(p => p.Project.Level == Platform.Governance.ComplianceLevels.Name(l))),
            timeline,
            versions,
            Adoption(timeline, versions),
            deviations,
            Baselines(latest, today),
            Campaigns(latest, today),
            Teams(latest),
            projects.Where(p => p.Project.Owner is null).Select(p => new ProjectRef(p.Repo, p.Project.Path)).ToList(),
            latest.Where(s => s.TemplateDrift > 0 || s.Projects.Any(p => p.TemplateStatus == "outdated"))
                .Select(s => new TemplateDriftRow(s.Repository, Math.Max(s.TemplateDrift, s.Projects.Count(p => p.TemplateStatus == "outdated")), SyncCommand)).ToList());
    }

    /// <summary>On every snapshot date, each repo as of its newest snapshot on or before that date (carried forward).</summary>
    public static IReadOnlyList<TimelinePoint> Timeline(IReadOnlyList<SnapshotSummary> snapshots)
    {
        var dates = snapshots.Select(s => s.Date).Distinct().Order().ToList();
        var byRepo = snapshots.GroupBy(s => s.Repository, StringComparer.Ordinal).Select(g => g.OrderBy(s => s.Date).ToList()).ToList();
        var cursor = new int[byRepo.Count];
        var points = new List<TimelinePoint>(dates.Count);
        foreach (var date in dates)
        {
            var current = new List<SnapshotSummary>(byRepo.Count);
            for (var r = 0; r < byRepo.Count; r++)
            {
                var list = byRepo[r];
                while (cursor[r] < list.Count && list[cursor[r]].Date <= date)
                {
                    cursor[r]++;
                }

                if (cursor[r] > 0)
                {
                    current.Add(list[cursor[r] - 1]);
                }
            }

            var platform = current.Sum(s => s.PlatformProjects);
            var versionCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (version, count) in current.SelectMany(s => s.Versions))
            {
                versionCounts[version] = versionCounts.GetValueOrDefault(version) + count;
            }

            points.Add(new TimelinePoint(
                date,
                current.Count,
                current.Sum(s => s.Projects),
                platform,
                Share(current.Sum(s => s.UpToDate), current.Sum(s => s.Projects)),
                current.Sum(s => s.Findings),
                current.Sum(s => s.BaselineFindings),
                versionCounts));
        }

        return points;
    }

    /// <summary>Per kit version: first seen, and days until 50 % / 90 % of the versioned Platform SDK projects were on
    /// it or a newer version (a project that skips a release has still adopted it).</summary>
    public static IReadOnlyList<VersionAdoption> Adoption(IReadOnlyList<TimelinePoint> timeline, IReadOnlyList<string> versions)
    {
        var result = new List<VersionAdoption>(versions.Count);
        for (var v = 0; v < versions.Count; v++)
        {
            var atLeast = versions.Skip(v).ToHashSet(StringComparer.Ordinal);
            (int On, int Of) At(TimelinePoint point) => (point.VersionCounts.Where(s => atLeast.Contains(s.Key)).Sum(s => s.Value), point.Versioned);
            var first = timeline.First(p => p.VersionCounts.ContainsKey(versions[v]));
            int? DaysTo(int percent) => timeline.Where(p => p.Date >= first.Date).FirstOrDefault(p => At(p) is var (on, of) && on * 100 >= of * percent) is { } reached
                ? reached.Date.DayNumber - first.Date.DayNumber
                : null;
            var (now, all) = At(timeline[^1]);
            result.Add(new VersionAdoption(versions[v], first.Date, DaysTo(50), DaysTo(90), Share(now, all)));
        }

        return result;
    }

    /// <summary>Expiring within 30 days first (soonest first), then expired or invalid ones, then the rest by date.</summary>
    public static IReadOnlyList<DeviationRow> Deviations(IEnumerable<FleetSnapshot> latest, DateOnly today) =>
        latest.SelectMany(s => s.Projects.SelectMany(p => p.Deviations.Select(d =>
            {
                var daysLeft = DaysUntil(d.Expires, today);
                var open = d.Status is not ("expired" or "invalid") && daysLeft is >= 0;
                return new DeviationRow(
                    string.IsNullOrWhiteSpace(d.Owner) ? p.Owner ?? NoOwner : d.Owner!,
                    s.Repository,
                    p.Path,
                    d.Id,
                    d.Expires,
                    daysLeft,
                    daysLeft is < 0 && d.Status is "active" or "expiring" ? "expired" : d.Status,
                    open && daysLeft <= ExpiringWindowDays);
            })))
            .OrderBy(d => d.ExpiresWithin30Days ? 0 : d.Status is "expired" or "invalid" ? 1 : 2)
            .ThenBy(d => d.DaysLeft ?? int.MaxValue)
            .ThenBy(d => d.Owner, StringComparer.Ordinal)
            .ThenBy(d => d.Repository, StringComparer.Ordinal)
            .ThenBy(d => d.Project, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<BaselineRow> Baselines(IEnumerable<FleetSnapshot> latest, DateOnly today) =>
        latest.SelectMany(s => s.Projects.Where(p => p.BaselineFindings > 0).Select(p => new BaselineRow(
                p.BaselineOwner ?? p.Owner ?? NoOwner, s.Repository, p.Path, p.BaselineFindings, p.BaselineTargetDate, DaysUntil(p.BaselineTargetDate, today))))
            .OrderBy(b => b.DaysLeft ?? int.MaxValue)
            .ThenByDescending(b => b.Findings)
            .ThenBy(b => b.Repository, StringComparer.Ordinal)
            .ToList();

    /// <summary>Each staged rule (by rule and date) with the projects that declare it and still have its findings.</summary>
    public static IReadOnlyList<Campaign> Campaigns(IEnumerable<FleetSnapshot> latest, DateOnly today)
    {
        var staged = latest.SelectMany(s => s.Projects.SelectMany(p => p.Enforcement.Select(e => (Repo: s.Repository, Project: p, Rule: e))))
            .GroupBy(x => (RuleId: x.Rule.RuleId.ToUpperInvariant(), x.Rule.ErrorFrom));
        var campaigns = new List<Campaign>();
        foreach (var group in staged)
        {
            var remaining = group
                .Select(x => new CampaignProject(x.Repo, x.Project.Path, x.Project.Owner ?? NoOwner,
                    x.Project.Findings.Where(f => string.Equals(f.RuleId, group.Key.RuleId, StringComparison.OrdinalIgnoreCase)).Sum(f => f.Count)))
                .Where(p => p.Findings > 0)
                .OrderByDescending(p => p.Findings).ThenBy(p => p.Repository, StringComparer.Ordinal).ThenBy(p => p.Project, StringComparer.Ordinal)
                .ToList();
            var daysLeft = DaysUntil(group.Key.ErrorFrom, today);
            campaigns.Add(new Campaign(
                group.Key.RuleId,
                group.Key.ErrorFrom,
                daysLeft is > 0 ? "warning" : "error",
                daysLeft,
                remaining.Count,
                remaining.Sum(p => p.Findings),
                remaining.Select(p => p.Owner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                remaining));
        }

        return campaigns.OrderBy(c => c.ErrorFrom, StringComparer.Ordinal).ThenBy(c => c.RuleId, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<TeamScore> Teams(IEnumerable<FleetSnapshot> latest) =>
        latest.SelectMany(s => s.Projects.Select(p => (Repo: s.Repository, Project: p)))
            .GroupBy(x => x.Project.Owner ?? NoOwner, StringComparer.Ordinal)
            .Select(g =>
            {
                var list = g.Select(x => x.Project).ToList();
                var gold = list.Count(p => p.Level == "gold");
                var silver = list.Count(p => p.Level == "silver");
                var bronze = list.Count(p => p.Level == "bronze");
                return new TeamScore(
                    g.Key,
                    g.Select(x => x.Repo).Distinct(StringComparer.Ordinal).Count(),
                    list.Count,
                    gold,
                    silver,
                    bronze,
                    list.Count - gold - silver - bronze,
                    Share(gold + silver, list.Count),
                    Share(list.Count(p => p.IsUpToDate), list.Count),
                    list.Sum(p => p.FindingCount),
                    list.Sum(p => p.Deviations.Count),
                    list.Sum(p => p.Deviations.Count(d => d.Status is "expired" or "invalid")),
                    list.Sum(p => p.BaselineFindings));
            })
            .OrderBy(t => t.Owner == NoOwner ? 1 : 0)
            .ThenBy(t => t.Compliant)
            .ThenBy(t => t.Owner, StringComparer.Ordinal)
            .ToList();

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static int? DaysUntil(string? date, DateOnly today) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.DayNumber - today.DayNumber : null;
}
