using Platform.Cli.Fleet;
using Platform.Cli.Infrastructure;
using static Platform.Cli.Tests.Fleet.FleetHistories;

namespace Platform.Cli.Tests.Fleet;

/// <summary>The fleet's numbers on a hand-made history whose answers were worked out by hand (FleetHistories.TwoRepos).</summary>
public sealed class FleetModelTests
{
    private readonly FleetView _view;

    public FleetModelTests()
    {
        MSBuildHost.EnsureRegistered(AppContext.BaseDirectory); // NuGet version ordering loads from the SDK
        _view = FleetModel.Compute(FleetHistory.From(TwoRepos()), TwoReposToday);
    }

    [Fact]
    public void The_timeline_carries_each_repo_forward_to_every_snapshot_date()
    {
        Assert.Equal([D("2026-01-05"), D("2026-01-12"), D("2026-01-19"), D("2026-01-26"), D("2026-02-02")], _view.Timeline.Select(p => p.Date));
        Assert.All(_view.Timeline, p => Assert.Equal(2, p.Repositories));
        Assert.All(_view.Timeline, p => Assert.Equal(4, p.Projects));
    }

    [Fact]
    public void Coverage_is_up_to_date_projects_over_all_projects_as_each_audit_judged_them()
    {
        Assert.Equal([1.0, 0.75, 0.5, 0.75, 1.0], _view.Timeline.Select(p => p.Coverage));
        Assert.Equal(1.0, _view.Totals.Coverage);
        Assert.Equal(4, _view.Totals.UpToDate);
    }

    [Fact]
    public void Time_to_adopt_counts_days_from_first_sight_until_half_and_nine_tenths_are_on_it_or_newer()
    {
        Assert.Equal(["1.0.0", "1.1.0"], _view.Versions);
        var v10 = _view.Adoption[0];
        Assert.Equal((D("2026-01-05"), 0, 0, 1.0), (v10.FirstSeen, v10.DaysTo50, v10.DaysTo90, v10.ShareNow));
        var v11 = _view.Adoption[1];
        Assert.Equal((D("2026-01-12"), 7, 21, 1.0), (v11.FirstSeen, v11.DaysTo50, v11.DaysTo90, v11.ShareNow));
        Assert.Equal([0, 1, 2, 3, 4], _view.Timeline.Select(p => p.VersionCounts.GetValueOrDefault("1.1.0")));
    }

    [Fact]
    public void A_release_not_yet_at_ninety_percent_has_no_days_to_ninety()
    {
        var history = TwoRepos().Where(s => s.Date < D("2026-02-02")).ToList();
        var view = FleetModel.Compute(FleetHistory.From(history), TwoReposToday);
        var v11 = view.Adoption.Single(a => a.Version == "1.1.0");
        Assert.Equal(7, v11.DaysTo50);
        Assert.Null(v11.DaysTo90);
        Assert.Equal(0.75, v11.ShareNow);
    }

    [Fact]
    public void Burn_down_sums_findings_and_baselined_findings_per_date()
    {
        Assert.Equal([4, 3, 2, 0, 2], _view.Timeline.Select(p => p.Findings));
        Assert.Equal([10, 10, 6, 6, 0], _view.Timeline.Select(p => p.BaselineFindings));
    }

    [Fact]
    public void Levels_and_totals_come_from_the_newest_snapshot_of_each_repo()
    {
        Assert.Equal(0, _view.Levels["gold"]);
        Assert.Equal(2, _view.Levels["silver"]);
        Assert.Equal(2, _view.Levels["bronze"]);
        Assert.Equal((2, 4, 2, 0, 3, 1, 1, 1), (_view.Totals.Repositories, _view.Totals.Projects, _view.Totals.Findings, _view.Totals.BaselineFindings,
            _view.Totals.Deviations, _view.Totals.DeviationsExpiringIn30Days, _view.Totals.ExpiredDeviations, _view.Totals.Unowned));
    }

    [Fact]
    public void Deviations_expiring_within_30_days_come_first_then_expired_then_the_rest_and_an_ownerless_one_takes_the_projects_owner()
    {
        Assert.Equal(
            [("team-a", "PLAT2001", 10, "active", true), ("team-a", "PLAT1001", -9, "expired", false), ("@org/team-b", "Nullable", 111, "active", false)],
            _view.Deviations.Select(d => (d.Owner, d.Id, d.DaysLeft!.Value, d.Status, d.ExpiresWithin30Days)));
    }

    [Fact]
    public void A_campaign_lists_the_staged_rule_its_date_and_the_projects_and_owners_that_still_have_findings()
    {
        var campaign = Assert.Single(_view.Campaigns);
        Assert.Equal(("PLAT5002", "2026-03-01", "warning", 19, 1, 2), (campaign.RuleId, campaign.ErrorFrom, campaign.Mode, campaign.DaysLeft!.Value, campaign.Projects, campaign.Findings));
        var remaining = Assert.Single(campaign.Remaining);
        Assert.Equal(("repo-b", "src/B2/B2.csproj", FleetModel.NoOwner, 2), (remaining.Repository, remaining.Project, remaining.Owner, remaining.Findings));
        Assert.Equal([FleetModel.NoOwner], campaign.Owners);

        var afterDate = FleetModel.Compute(FleetHistory.From(TwoRepos()), D("2026-03-01")).Campaigns.Single();
        Assert.Equal(("error", 0), (afterDate.Mode, afterDate.DaysLeft!.Value));
    }

    [Fact]
    public void The_team_scorecard_puts_the_least_compliant_team_first_and_projects_without_an_owner_last()
    {
        Assert.Equal(
            [("team-a", 2, 0.5, 1.0, 2), ("@org/team-b", 1, 1.0, 1.0, 1), (FleetModel.NoOwner, 1, 0.0, 1.0, 0)],
            _view.Teams.Select(t => (t.Owner, t.Projects, t.Compliant, t.Coverage, t.Deviations)));
        Assert.Equal([new ProjectRef("repo-b", "src/B2/B2.csproj")], _view.Unowned);
    }

    [Fact]
    public void A_repo_with_template_drift_is_pointed_to_platform_sync()
    {
        Assert.Equal([new TemplateDriftRow("repo-b", 1, "platform sync")], _view.TemplateDrift);
    }

    [Fact]
    public void Baselines_are_listed_by_owner_from_the_newest_snapshots_only()
    {
        Assert.Empty(_view.Baselines);
        var earlier = FleetModel.Compute(FleetHistory.From(TwoRepos().Where(s => s.Date <= D("2026-01-19"))), D("2026-01-20"));
        Assert.Equal([("team-b", "src/B2/B2.csproj", 4, 161), ("team-b", "src/B1/B1.csproj", 2, 161)], earlier.Baselines.Select(b => (b.Owner, b.Project, b.Findings, b.DaysLeft!.Value)));
    }

    [Fact]
    public void An_empty_history_is_PLAT0456_not_a_crash()
    {
        var ex = Assert.Throws<CliException>(() => FleetModel.Compute(new FleetHistory([], []), TwoReposToday));
        Assert.Equal(ExitCodes.FleetDatabaseError, ex.ExitCode);
        Assert.StartsWith("PLAT0456", ex.Message, StringComparison.Ordinal);
    }
}
