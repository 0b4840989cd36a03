namespace Platform.Governance.Tests;

public sealed class DeviationEvaluatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void An_expired_entry_naming_an_unknown_rule_is_invalid_not_expired()
    {
        var problems = new List<GovernanceProblem>();

        var deviation = Assert.Single(DeviationEvaluator.Evaluate(
            [new DeclaredDeviation("PLAT7777", "legacy", "team-a", "2026-10-31")], KnownIds.FromCatalogue(), GovernanceClock.Default(Today), "/repo/App.csproj", problems));

        Assert.Equal(DeviationStatus.Invalid, deviation.Status);
        Assert.Equal(["PLAT0104"], deviation.Problems.Select(p => p.Code));
        Assert.Equal("deviation PLAT7777 is invalid (PLAT0104)", LevelJudge.BrokenDeviation(deviation));
    }

    [Theory]
    [InlineData("2026-11-25", DeviationStatus.Expired)]
    [InlineData("2026-11-26", DeviationStatus.Expiring)]
    [InlineData("2026-12-10", DeviationStatus.Expiring)]
    [InlineData("2026-12-11", DeviationStatus.Active)]
    [InlineData("2027-05-26", DeviationStatus.Invalid)]
    public void A_well_formed_entry_is_judged_by_its_days_left_against_the_defaults(string expires, DeviationStatus status)
    {
        var deviation = Assert.Single(DeviationEvaluator.Evaluate(
            [new DeclaredDeviation("PLAT2001", "legacy", "team-a", expires)], KnownIds.FromCatalogue(), GovernanceClock.Default(Today), null, []));

        Assert.Equal(status, deviation.Status);
    }

    [Fact]
    public void The_audit_lowers_a_gold_record_to_bronze_when_a_deviation_expired_since_the_build()
    {
        var expired = Assert.Single(DeviationEvaluator.Evaluate(
            [new DeclaredDeviation("PLAT2001", "legacy", "team-a", "2026-11-01")], KnownIds.FromCatalogue(), GovernanceClock.Default(Today), null, []));

        var (level, reasons) = LevelJudge.JudgeProject(new ProjectFacts
        {
            UsesPlatformSdk = true,
            Records = [new ComplianceRecord { Level = ComplianceLevel.Silver, LevelReasons = ["1 registered deviation(s): PLAT2001"] }],
            Deviations = [expired],
        });

        Assert.Equal(ComplianceLevel.Bronze, level);
        Assert.Contains("deviation PLAT2001 (owner team-a) expired on 2026-11-01", reasons);
    }
}
