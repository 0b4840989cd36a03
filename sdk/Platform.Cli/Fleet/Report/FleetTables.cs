using System.Globalization;

namespace Platform.Cli.Fleet;

/// <summary>A table of the fleet view: the page draws it (filterable, sortable), the Markdown summary takes its top rows.</summary>
public sealed record FleetTable(string Id, string Title, string? Hint, IReadOnlyList<FleetColumn> Columns, IReadOnlyList<FleetRow> Rows);

public sealed record FleetColumn(string Name, bool Numeric = false);

/// <summary>A row's cells (string, int, double or null) and its highlight: soon (expiring in 30 days) or late (expired).</summary>
public sealed record FleetRow(IReadOnlyList<object?> Cells, string? Class = null);

/// <summary>The tables of the fleet view, in page order, from a <see cref="FleetView"/>.</summary>
public static class FleetTables
{
    public static IReadOnlyList<FleetTable> All(FleetView view) =>
    [
        new("teams", "Scorecard per team", "Compliant: gold or silver. Up to date: on the newest kit. Teams with the lowest compliant share first; projects without an owner last.",
            [new("Owner"), new("Repos", true), new("Projects", true), new("Gold", true), new("Silver", true), new("Bronze", true), new("Other", true), new("Compliant %", true), new("Up to date %", true), new("Findings", true), new("Deviations", true), new("Expired", true), new("Baselined", true)],
            view.Teams.Select(t => new FleetRow([t.Owner, t.Repositories, t.Projects, t.Gold, t.Silver, t.Bronze, t.Other, Percent(t.Compliant), Percent(t.Coverage), t.Findings, t.Deviations, t.ExpiredDeviations, t.BaselineFindings])).ToList()),
        new("deviations", "Deviations by owner", $"Expiring in the next {FleetModel.ExpiringWindowDays} days first, then expired or invalid ones, then the rest by date.",
            [new("Owner"), new("Repository"), new("Project"), new("Rule or setting"), new("Expires"), new("Days left", true), new("Status")],
            view.Deviations.Select(d => new FleetRow([d.Owner, d.Repository, d.Project, d.Id, d.Expires, d.DaysLeft, d.Status],
                d.ExpiresWithin30Days ? "soon" : d.Status is "expired" or "invalid" ? "late" : null)).ToList()),
        new("baselines", "Baselines by owner", "Findings recorded when the repo adopted the kit, still to fix; the nearest target date first.",
            [new("Owner"), new("Repository"), new("Project"), new("Baselined findings", true), new("Target date"), new("Days left", true)],
            view.Baselines.Select(b => new FleetRow([b.Owner, b.Repository, b.Project, b.Findings, b.TargetDate, b.DaysLeft], b.DaysLeft is < 0 ? "late" : null)).ToList()),
        new("campaigns", "Campaigns: staged rules and who still has findings", "Each staged rule becomes an error on its date; these projects still have findings of it.",
            [new("Rule"), new("Error from"), new("Now"), new("Days left", true), new("Repository"), new("Project"), new("Owner"), new("Findings", true)],
            view.Campaigns.SelectMany(c => c.Remaining.Count == 0
                ? [new FleetRow([c.RuleId, c.ErrorFrom, c.Mode, c.DaysLeft, null, null, null, 0])]
                : c.Remaining.Select(p => new FleetRow([c.RuleId, c.ErrorFrom, c.Mode, c.DaysLeft, p.Repository, p.Project, p.Owner, p.Findings], c.DaysLeft is <= FleetModel.ExpiringWindowDays ? "soon" : null))).ToList()),
        new("adoption", "Kit releases: time to adopt", "First seen: the first snapshot with a project on it. Days until 50 % / 90 % of the Platform SDK projects were on it or newer; empty: not yet.",
            [new("Version"), new("First seen"), new("Days to 50 %", true), new("Days to 90 %", true), new("On it or newer now %", true)],
            view.Adoption.Select(a => new FleetRow([a.Version, a.FirstSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.DaysTo50, a.DaysTo90, Percent(a.ShareNow)])).ToList()),
        new("unowned", $"Projects without an owner ({FleetCodes.UnownedProject})", "Set PlatformOwner (e.g. in the team's Directory.Build.props) or add the path to CODEOWNERS.",
            [new("Repository"), new("Project")],
            view.Unowned.Select(u => new FleetRow([u.Repository, u.Project])).ToList()),
        new("template-drift", "Template drift", "The repo's template stamp is behind the newest template: run the command in the repo.",
            [new("Repository"), new("Files behind", true), new("Command")],
            view.TemplateDrift.Select(t => new FleetRow([t.Repository, t.Files, t.Command])).ToList()),
    ];

    private static double Percent(double share) => Math.Round(share * 100, 1);
}
