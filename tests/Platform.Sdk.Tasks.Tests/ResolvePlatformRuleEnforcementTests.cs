using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.Tests;

public sealed class ResolvePlatformRuleEnforcementTests
{
    private readonly RecordingBuildEngine _engine = new();

    [Theory]
    [InlineData("2026-12-31", false)]
    [InlineData("2027-01-01", true)]
    [InlineData("2027-06-01", true)]
    public void A_staged_rule_is_a_warning_before_its_date_and_an_error_from_it(string buildDate, bool enforced)
    {
        var task = Task(buildDate, Items.Enforcement("PLAT5002", "2027-01-01"));

        Assert.True(task.Execute());
        Assert.Equal(enforced ? ["PLAT5002"] : [], task.ErrorRuleIds);
        Assert.Equal(enforced ? [] : ["PLAT5002"], task.WarningRuleIds);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void The_last_declaration_of_a_rule_wins_so_an_organisation_can_move_the_date()
    {
        var task = Task("2027-02-01", Items.Enforcement("PLAT5002", "2027-01-01"), Items.Enforcement("plat5002", "2027-06-01"));

        Assert.True(task.Execute());
        Assert.Empty(task.ErrorRuleIds);
        Assert.Equal(["PLAT5002"], task.WarningRuleIds);
    }

    [Fact]
    public void Several_rules_are_split_by_their_own_dates()
    {
        var task = Task("2027-02-01", Items.Enforcement("PLAT5002", "2027-01-01"), Items.Enforcement("PLAT3001", "2027-06-01"));

        Assert.True(task.Execute());
        Assert.Equal(["PLAT5002"], task.ErrorRuleIds);
        Assert.Equal(["PLAT3001"], task.WarningRuleIds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01/01/2027")]
    [InlineData("soon")]
    public void A_missing_or_malformed_date_is_an_error_that_shows_the_format(string? errorFrom)
    {
        var task = Task("2026-11-26", Items.Enforcement("PLAT5002", errorFrom));

        Assert.False(task.Execute());
        var error = _engine.Error("PLAT0130");
        Assert.Contains("PLAT5002", error.Message);
        Assert.Contains("yyyy-MM-dd", error.Message);
        Assert.Empty(task.ErrorRuleIds);
        Assert.Empty(task.WarningRuleIds);
    }

    [Fact]
    public void A_bad_entry_on_the_last_day_of_the_calendar_is_still_just_an_error()
    {
        var task = Task("9999-12-31", Items.Enforcement("PLAT5002", "soon"));

        Assert.False(task.Execute());
        _engine.Error("PLAT0130");
    }

    [Fact]
    public void An_unknown_rule_is_an_error()
    {
        var task = Task("2026-11-26", Items.Enforcement("PLAT7777", "2027-01-01"));

        Assert.False(task.Execute());
        Assert.Contains("'PLAT7777'", _engine.Error("PLAT0131").Message);
    }

    [Fact]
    public void A_setting_name_cannot_be_staged()
    {
        var task = Task("2026-11-26", Items.Enforcement("Nullable", "2027-01-01"));

        Assert.False(task.Execute());
        _engine.Error("PLAT0131");
    }

    private ResolvePlatformRuleEnforcement Task(string buildDate, params ITaskItem[] rules) => new()
    {
        BuildEngine = _engine,
        Rules = rules,
        KnownRuleIds = Items.KnownRules,
        BuildDate = buildDate,
        ProjectFile = "/repo/src/Orders/Orders.csproj",
    };
}
