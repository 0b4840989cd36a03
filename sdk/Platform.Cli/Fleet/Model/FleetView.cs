namespace Platform.Cli.Fleet;

/// <summary>Everything the fleet report shows, computed by <see cref="FleetModel"/>; the HTML page and the Markdown
/// summary only lay it out.</summary>
public sealed record FleetView(
    DateOnly Today,
    FleetTotals Totals,
    IReadOnlyDictionary<string, int> Levels,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyList<string> Versions,
    IReadOnlyList<VersionAdoption> Adoption,
    IReadOnlyList<DeviationRow> Deviations,
    IReadOnlyList<BaselineRow> Baselines,
    IReadOnlyList<Campaign> Campaigns,
    IReadOnlyList<TeamScore> Teams,
    IReadOnlyList<ProjectRef> Unowned,
    IReadOnlyList<TemplateDriftRow> TemplateDrift);

/// <summary>The fleet as of its newest snapshots. Coverage: up-to-date projects / all projects.</summary>
public sealed record FleetTotals(
    int Repositories,
    int Projects,
    int PlatformProjects,
    int UpToDate,
    double Coverage,
    int Findings,
    int BaselineFindings,
    int Deviations,
    int DeviationsExpiringIn30Days,
    int ExpiredDeviations,
    int Unowned,
    DateOnly FirstSnapshot,
    DateOnly LastSnapshot,
    int Snapshots);

/// <summary>The fleet on one date: each repo as of its newest snapshot on or before it. VersionCounts: Platform SDK
/// projects per kit version; Versioned: their sum (the whole of a version's share).</summary>
public sealed record TimelinePoint(DateOnly Date, int Repositories, int Projects, int PlatformProjects, double Coverage, int Findings, int BaselineFindings, IReadOnlyDictionary<string, int> VersionCounts)
{
    public int Versioned => VersionCounts.Values.Sum();
}

/// <summary>A kit release: first seen in the fleet on <see cref="FirstSeen"/>; days until 50 % and 90 % of the Platform
/// SDK projects were on it or newer (null: not yet); the share on it or newer today.</summary>
public sealed record VersionAdoption(string Version, DateOnly FirstSeen, int? DaysTo50, int? DaysTo90, double ShareNow);

/// <summary>A deviation in the newest snapshots. Owner: the deviation's Owner, else the project's.</summary>
public sealed record DeviationRow(string Owner, string Repository, string Project, string Id, string? Expires, int? DaysLeft, string Status, bool ExpiresWithin30Days);

public sealed record BaselineRow(string Owner, string Repository, string Project, int Findings, string? TargetDate, int? DaysLeft);

/// <summary>A staged rule (warning until <see cref="ErrorFrom"/>) and the projects that still have its findings.</summary>
public sealed record Campaign(string RuleId, string ErrorFrom, string Mode, int? DaysLeft, int Projects, int Findings, IReadOnlyList<string> Owners, IReadOnlyList<CampaignProject> Remaining);

public sealed record CampaignProject(string Repository, string Project, string Owner, int Findings);

/// <summary>One team's projects in the newest snapshots. Compliant: gold or silver.</summary>
public sealed record TeamScore(
    string Owner,
    int Repositories,
    int Projects,
    int Gold,
    int Silver,
    int Bronze,
    int Other,
    double Compliant,
    double Coverage,
    int Findings,
    int Deviations,
    int ExpiredDeviations,
    int BaselineFindings);

public sealed record ProjectRef(string Repository, string Project);

/// <summary>A repo whose template stamp is behind: `platform sync` brings it up to date.</summary>
public sealed record TemplateDriftRow(string Repository, int Files, string Command);
