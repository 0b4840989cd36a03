using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.Tests;

public sealed class ValidatePlatformDeviationsTests
{
    private const string Today = "2026-11-26";

    private readonly RecordingBuildEngine _engine = new();

    [Fact]
    public void A_registered_deviation_is_passed_to_the_analyzers()
    {
        var (ok, ids) = Run(Items.Deviation("PLAT2001"), Items.Deviation("Telemetry"));

        Assert.True(ok);
        Assert.Equal("PLAT2001;Telemetry", ids);
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void Ids_and_setting_names_match_case_insensitively_and_are_passed_as_declared()
    {
        var (ok, ids) = Run(Items.Deviation("plat2001"), Items.Deviation("nullable"));

        Assert.True(ok);
        Assert.Equal("PLAT2001;Nullable", ids);
    }

    [Fact]
    public void No_deviations_is_a_quiet_success()
    {
        var (ok, ids) = Run();

        Assert.True(ok);
        Assert.Equal(string.Empty, ids);
        Assert.Empty(_engine.Errors);
    }

    [Theory]
    [InlineData(null, "team-payments", "2027-03-31", "PLAT0100", "Add Reason=")]
    [InlineData("   ", "team-payments", "2027-03-31", "PLAT0100", "Add Reason=")]
    [InlineData("legacy", null, "2027-03-31", "PLAT0101", "Add Owner=")]
    [InlineData("legacy", "team-payments", null, "PLAT0102", "Add Expires=\"yyyy-MM-dd\"")]
    [InlineData("legacy", "team-payments", "31/03/2027", "PLAT0103", "Write it as yyyy-MM-dd")]
    [InlineData("legacy", "team-payments", "2027-3-31", "PLAT0103", "Write it as yyyy-MM-dd")]
    [InlineData("legacy", "team-payments", "2027-02-30", "PLAT0103", "Write it as yyyy-MM-dd")]
    [InlineData("legacy", "team-payments", "next spring", "PLAT0103", "Write it as yyyy-MM-dd")]
    [InlineData("legacy", "team-payments", "2027-12-31", "PLAT0105", "Set Expires on or before 2027-05-25")]
    public void A_malformed_entry_is_a_coded_error_that_states_the_fix(string? reason, string? owner, string? expires, string code, string fix)
    {
        var (ok, ids) = Run(Items.Deviation("PLAT2001", reason, owner, expires));

        Assert.False(ok);
        Assert.Equal(string.Empty, ids);
        var error = _engine.Error(code);
        Assert.Contains("PLAT2001", error.Message);
        Assert.Contains(fix, error.Message);
        Assert.Equal(Items.DirectoryBuildProps, error.File);
        Assert.DoesNotContain("\n", error.Message); // one line that says what to do, never a stack trace
    }

    [Fact]
    public void An_entry_missing_everything_reports_each_missing_field()
    {
        var (ok, _) = Run(Items.Deviation("PLAT2001", reason: null, owner: null, expires: null));

        Assert.False(ok);
        Assert.Equal(["PLAT0100", "PLAT0101", "PLAT0102"], _engine.ErrorCodes.Order());
    }

    [Fact]
    public void An_unknown_rule_id_is_an_error_listing_what_can_be_deviated()
    {
        var (ok, ids) = Run(Items.Deviation("PLAT7777"));

        Assert.False(ok);
        Assert.Equal(string.Empty, ids);
        var error = _engine.Error("PLAT0104");
        Assert.Contains("'PLAT7777'", error.Message);
        Assert.Contains("PLAT2001", error.Message);
        Assert.Contains("Telemetry", error.Message);
    }

    [Fact]
    public void An_expired_deviation_fails_naming_the_rule_the_owner_and_the_date()
    {
        var (ok, ids) = Run(Items.Deviation("PLAT2001", owner: "team-checkout", expires: "2026-11-25"));

        Assert.False(ok);
        Assert.Equal(string.Empty, ids);
        var error = _engine.Error("PLAT0106");
        Assert.Contains("PLAT2001", error.Message);
        Assert.Contains("team-checkout", error.Message);
        Assert.Contains("2026-11-25", error.Message);
    }

    [Fact]
    public void An_expired_setting_deviation_says_to_restore_the_setting()
    {
        var (ok, _) = Run(Items.Deviation("Nullable", expires: "2026-01-01"));

        Assert.False(ok);
        Assert.Contains("Restore the Nullable setting", _engine.Error("PLAT0106").Message);
    }

    [Theory]
    [InlineData("2026-11-26", 0)]
    [InlineData("2026-12-01", 5)]
    [InlineData("2026-12-10", 14)]
    public void A_deviation_within_the_warning_window_warns_but_still_applies(string expires, int daysLeft)
    {
        var (ok, ids) = Run(Items.Deviation("PLAT2001", expires: expires));

        Assert.True(ok);
        Assert.Equal("PLAT2001", ids);
        var warning = _engine.Warning("PLAT0110");
        Assert.Contains($"in {daysLeft} day(s)", warning.Message);
        Assert.Contains("team-payments", warning.Message);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_deviation_outside_the_warning_window_is_silent()
    {
        var (ok, _) = Run(Items.Deviation("PLAT2001", expires: "2026-12-11"));

        Assert.True(ok);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void The_warning_window_and_the_maximum_are_configurable()
    {
        var task = Task(Items.Deviation("PLAT2001", expires: "2027-01-25"), Items.Deviation("PLAT5002", expires: "2027-02-01"));
        task.WarnDays = "60";
        task.MaxDays = "62";

        Assert.False(task.Execute());
        Assert.Contains("PLAT2001", _engine.Warning("PLAT0110").Message);
        Assert.Contains("PLAT5002", _engine.Error("PLAT0105").Message);
        Assert.Equal("PLAT2001", task.DeviationIds);
    }

    [Fact]
    public void A_deviation_registered_twice_is_an_error_that_shows_how_to_replace_it()
    {
        var (ok, _) = Run(Items.Deviation("PLAT2001"), Items.Deviation("plat2001", expires: "2027-01-31"));

        Assert.False(ok);
        Assert.Contains("<PlatformDeviation Remove=\"PLAT2001\" />", _engine.Error("PLAT0107").Message);
    }

    [Fact]
    public void One_bad_entry_does_not_stop_the_good_ones_from_applying()
    {
        var (ok, ids) = Run(Items.Deviation("PLAT2001"), Items.Deviation("PLAT7777"), Items.Deviation("PLAT5002", expires: "2020-01-01"));

        Assert.False(ok);
        Assert.Equal("PLAT2001", ids);
        Assert.Equal(["PLAT0104", "PLAT0106"], _engine.ErrorCodes.Order());
    }

    [Theory]
    [InlineData("26.11.2026")]
    [InlineData("tomorrow")]
    public void An_invalid_build_date_is_an_error(string buildDate)
    {
        var task = Task(Items.Deviation("PLAT2001"));
        task.BuildDate = buildDate;

        Assert.False(task.Execute());
        Assert.Contains("PlatformBuildDate", _engine.Error("PLAT0120").Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("two weeks")]
    [InlineData("99999999")]
    public void An_invalid_day_count_is_an_error(string days)
    {
        var task = Task();
        task.WarnDays = days;
        task.MaxDays = days;

        Assert.False(task.Execute());
        Assert.Equal(2, _engine.Errors.Count(e => e.Code == "PLAT0121"));
    }

    [Theory]
    [InlineData("9999-12-31", "9999-12-31")]
    [InlineData("0001-01-01", "0001-01-01")]
    public void Dates_at_the_ends_of_the_calendar_are_handled_without_an_exception(string buildDate, string expires)
    {
        var task = Task(Items.Deviation("PLAT2001", expires: expires), Items.Deviation("PLAT5002", expires: null));
        task.BuildDate = buildDate;

        Assert.False(task.Execute());
        Assert.Equal("PLAT2001", task.DeviationIds);
        _engine.Error("PLAT0102");
    }

    [Fact]
    public void An_empty_build_date_means_today()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var task = Task(Items.Deviation("PLAT2001", expires: today.AddDays(-1).ToString("yyyy-MM-dd")));
        task.BuildDate = string.Empty;

        Assert.False(task.Execute());
        _engine.Error("PLAT0106");
    }

    [Fact]
    public void Errors_without_a_defining_file_point_at_the_project()
    {
        var item = new Microsoft.Build.Utilities.TaskItem("PLAT2001");
        var (ok, _) = Run(item);

        Assert.False(ok);
        Assert.All(_engine.Errors, e => Assert.Equal("/repo/src/Orders/Orders.csproj", e.File));
    }

    private (bool Ok, string Ids) Run(params ITaskItem[] deviations)
    {
        var task = Task(deviations);
        var ok = task.Execute();
        return (ok, task.DeviationIds);
    }

    private ValidatePlatformDeviations Task(params ITaskItem[] deviations) => new()
    {
        BuildEngine = _engine,
        Deviations = deviations,
        KnownRuleIds = Items.KnownRules,
        KnownSettings = Items.KnownSettings,
        BuildDate = Today,
        ProjectFile = "/repo/src/Orders/Orders.csproj",
    };
}
