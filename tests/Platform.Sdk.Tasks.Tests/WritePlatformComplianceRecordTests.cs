using System.Text.Json.Nodes;
using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.Tests;

public sealed class WritePlatformComplianceRecordTests : IDisposable
{
    private const string ProjectFile = "/repo/src/Orders/Orders.csproj";

    private readonly RecordingBuildEngine _engine = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("platform-compliance-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_clean_build_is_gold()
    {
        var (record, level) = Write(Task("clean.sarif"));

        Assert.Equal("gold", level);
        Assert.Equal("gold", (string?)record["level"]);
        Assert.Empty(record["findings"]!.AsArray());
        Assert.Empty(record["suppressed"]!.AsArray());
        Assert.Empty(record["deviations"]!.AsArray());
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void The_record_carries_schema_project_and_sdk()
    {
        var (record, _) = Write(Task("clean.sarif"));

        Assert.Equal(1, (int)record["schemaVersion"]!);
        Assert.Equal("2026-11-26", (string?)record["buildDate"]);
        Assert.True((bool)record["ci"]!);
        Assert.Equal("Orders", (string?)record["project"]!["name"]);
        Assert.Equal(ProjectFile, (string?)record["project"]!["path"]);
        Assert.Equal("web", (string?)record["project"]!["kind"]);
        Assert.Equal("net10.0", (string?)record["project"]!["targetFramework"]);
        Assert.Equal("Release", (string?)record["project"]!["configuration"]);
        Assert.True((bool)record["sdk"]!["used"]!);
        Assert.Equal("1.4.0", (string?)record["sdk"]!["version"]);
        Assert.True((bool)record["diagnostics"]!["available"]!);
        Assert.Equal(["PLAT"], record["diagnostics"]!["rulePrefixes"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public void A_registered_deviation_whose_results_are_suppressed_is_silver()
    {
        var task = Task("deviated.sarif");
        task.Deviations = [Items.Deviation("PLAT2001")];

        var (record, level) = Write(task);

        Assert.Equal("silver", level);
        var deviation = Assert.Single(record["deviations"]!.AsArray())!;
        Assert.Equal("PLAT2001", (string?)deviation["id"]);
        Assert.Equal("rule", (string?)deviation["kind"]);
        Assert.Equal("active", (string?)deviation["status"]);
        Assert.Equal("team-payments", (string?)deviation["owner"]);
        Assert.Equal("legacy client until the v2 migration", (string?)deviation["reason"]);
        Assert.Equal("2027-03-31", (string?)deviation["expires"]);
        Assert.Equal(125, (int)deviation["daysLeft"]!);
        Assert.Equal(1, (int)deviation["suppressedResults"]!);

        var suppressed = Assert.Single(record["suppressed"]!.AsArray())!;
        Assert.Equal("PLAT2001", (string?)suppressed["ruleId"]);
        Assert.Equal("LegacyClient.cs", (string?)suppressed["file"]);
        Assert.Equal(9, (int)suppressed["line"]!);
        Assert.Equal("inSource", (string?)suppressed["suppressionKind"]);
        Assert.StartsWith("Registered platform deviation", (string?)suppressed["justification"]);
        Assert.Equal("team-payments", (string?)suppressed["deviation"]!["owner"]);
        Assert.Empty(record["findings"]!.AsArray());
    }

    [Fact]
    public void A_registered_deviation_without_suppressed_results_is_still_silver()
    {
        var task = Task("clean.sarif");
        task.Deviations = [Items.Deviation("Telemetry")];

        var (record, level) = Write(task);

        Assert.Equal("silver", level);
        Assert.Equal("setting", (string?)record["deviations"]![0]!["kind"]);
    }

    [Fact]
    public void Findings_make_the_build_bronze_and_are_listed_in_file_order()
    {
        var task = Task("findings.sarif");
        task.Deviations = [Items.Deviation("PLAT2001")];

        var (record, level) = Write(task);

        Assert.Equal("bronze", level);
        var findings = record["findings"]!.AsArray();
        Assert.Equal(["PLAT1001", "PLAT5002"], findings.Select(f => (string?)f!["ruleId"]));
        Assert.Equal("Program.cs", (string?)findings[0]!["file"]);
        Assert.Equal(5, (int)findings[0]!["line"]!);
        Assert.Equal(1, (int)findings[0]!["column"]!);
        Assert.Equal("warning", (string?)findings[0]!["level"]);
        Assert.Equal("Use ILogger instead of Console.WriteLine in service code", (string?)findings[0]!["message"]);
        Assert.Equal(2, (int)record["diagnostics"]!["findingCount"]!);
        Assert.Equal(1, (int)record["diagnostics"]!["suppressedCount"]!);
        Assert.Contains(record["levelReasons"]!.AsArray(), r => ((string?)r)!.Contains("PLAT1001, PLAT5002"));
    }

    [Fact]
    public void Results_outside_the_governed_prefixes_are_left_out()
    {
        var (record, _) = Write(Task("findings.sarif"));

        var ruleIds = record["findings"]!.AsArray().Concat(record["suppressed"]!.AsArray()).Select(r => (string?)r!["ruleId"]);
        Assert.DoesNotContain("CA1822", ruleIds);
        Assert.DoesNotContain("CS0168", ruleIds);
    }

    [Fact]
    public void Curated_prefixes_can_be_added_and_notes_do_not_count_against_the_level()
    {
        var task = Task("clean.sarif");
        task.RulePrefixes = ["PLAT", "CA"];

        var (record, level) = Write(task);

        Assert.Equal("gold", level);
        Assert.Equal("CA1822", (string?)Assert.Single(record["findings"]!.AsArray())!["ruleId"]);
        Assert.Equal(0, (int)record["diagnostics"]!["findingCount"]!);
    }

    [Fact]
    public void A_suppression_without_a_registered_deviation_is_recorded_as_deviated_not_as_a_finding()
    {
        var (record, level) = Write(Task("deviated.sarif"));

        Assert.Equal("silver", level);
        Assert.Null(record["suppressed"]![0]!["deviation"]);
    }

    [Theory]
    [InlineData("2026-11-25", "expired")]
    [InlineData("someday", "invalid")]
    public void Expired_and_invalid_deviations_make_the_build_bronze(string expires, string status)
    {
        var task = Task("deviated.sarif");
        task.Deviations = [Items.Deviation("PLAT2001", expires: expires)];

        var (record, level) = Write(task);

        Assert.Equal("bronze", level);
        Assert.Equal(status, (string?)record["deviations"]![0]!["status"]);
        Assert.Equal(0, (int)record["deviations"]![0]!["suppressedResults"]!);
        Assert.Empty(_engine.Errors); // ValidatePlatformDeviations reports them; the record only records them
    }

    [Fact]
    public void A_deviation_close_to_expiry_is_recorded_as_expiring()
    {
        var task = Task("deviated.sarif");
        task.Deviations = [Items.Deviation("PLAT2001", expires: "2026-12-01")];

        var (record, level) = Write(task);

        Assert.Equal("silver", level);
        Assert.Equal("expiring", (string?)record["deviations"]![0]!["status"]);
        Assert.Equal(5, (int)record["deviations"]![0]!["daysLeft"]!);
    }

    [Fact]
    public void Golden_settings_record_default_effective_and_status()
    {
        var task = Task("clean.sarif");
        task.GoldenSettings =
        [
            Items.Setting("Nullable", "enable", "enable", "Nullable"),
            Items.Setting("PlatformTelemetry", "true", "false", "Telemetry"),
            Items.Setting("RestorePackagesWithLockFile", "true", "false", "LockFile"),
        ];
        task.Deviations = [Items.Deviation("Telemetry")];

        var (record, _) = Write(task);

        var settings = record["settings"]!.AsArray();
        Assert.Equal(["default", "deviated", "changed"], settings.Select(s => (string?)s!["status"]));
        Assert.Equal("enable", (string?)settings[0]!["default"]);
        Assert.Equal("false", (string?)settings[1]!["effective"]);
        Assert.Equal("Telemetry", (string?)settings[1]!["deviation"]);
    }

    [Fact]
    public void An_enforced_setting_changed_without_a_deviation_is_bronze()
    {
        var task = Task("clean.sarif");
        task.GoldenSettings = [Items.Setting("RestorePackagesWithLockFile", "true", "false", "LockFile", enforced: true)];

        var (_, level) = Write(task);
        Assert.Equal("bronze", level);

        task.Deviations = [Items.Deviation("LockFile")];
        var (_, deviated) = Write(task);
        Assert.Equal("silver", deviated);
    }

    [Fact]
    public void When_a_setting_is_declared_twice_the_last_declaration_wins()
    {
        var task = Task("clean.sarif");
        task.GoldenSettings = [Items.Setting("Nullable", "enable", "disable"), Items.Setting("Nullable", "enable", "enable")];

        var (record, _) = Write(task);

        Assert.Equal("default", (string?)Assert.Single(record["settings"]!.AsArray())!["status"]);
    }

    [Fact]
    public void A_staged_rule_with_findings_is_announced_before_its_date()
    {
        var task = Task("findings.sarif");
        task.RuleEnforcements = [Items.Enforcement("PLAT5002", "2027-01-01")];

        var (record, _) = Write(task);

        var warning = _engine.Warning("PLAT0150");
        Assert.Contains("PLAT5002 is a warning until 2027-01-01", warning.Message);
        Assert.Contains("1 PLAT5002 finding(s)", warning.Message);
        var staged = Assert.Single(record["enforcement"]!.AsArray())!;
        Assert.Equal("warning", (string?)staged["mode"]);
        Assert.Equal("2027-01-01", (string?)staged["errorFrom"]);
    }

    [Fact]
    public void A_staged_rule_is_not_announced_without_findings_or_once_enforced()
    {
        var quiet = Task("clean.sarif");
        quiet.RuleEnforcements = [Items.Enforcement("PLAT5002", "2027-01-01")];
        Write(quiet);

        var enforced = Task("findings.sarif");
        enforced.BuildDate = "2027-01-01";
        enforced.RuleEnforcements = [Items.Enforcement("PLAT5002", "2027-01-01")];
        var (record, _) = Write(enforced);

        Assert.DoesNotContain("PLAT0150", _engine.WarningCodes);
        Assert.Equal("error", (string?)record["enforcement"]![0]!["mode"]);
    }

    [Fact]
    public void A_missing_sarif_log_is_a_warning_and_the_level_is_bronze()
    {
        var task = Task("clean.sarif");
        task.SarifFile = Path.Combine(_directory, "missing.sarif");

        var (record, level) = Write(task);

        Assert.Equal("bronze", level);
        Assert.False((bool)record["diagnostics"]!["available"]!);
        Assert.Contains("ErrorLog", _engine.Warning("PLAT0160").Message);
        Assert.Empty(_engine.Errors);
    }

    [Theory]
    [InlineData("{ \"version\": \"2.1.0\", \"runs\": [ { \"results\": [ ")]
    [InlineData("not json at all")]
    [InlineData("{ \"version\": \"1.0.0\", \"runs\": [] }")]
    public void An_unreadable_sarif_log_is_a_warning_not_an_exception(string content)
    {
        var sarif = Path.Combine(_directory, "broken.sarif");
        File.WriteAllText(sarif, content);
        var task = Task("clean.sarif");
        task.SarifFile = sarif;

        var (_, level) = Write(task);

        Assert.Equal("bronze", level);
        Assert.DoesNotContain("\n", _engine.Warning("PLAT0161").Message);
    }

    [Fact]
    public void The_sarif_path_falls_back_to_ErrorLog()
    {
        var task = Task("findings.sarif");
        task.ErrorLog = task.SarifFile + ",version=2.1";
        task.SarifFile = null;

        var (_, level) = Write(task);

        Assert.Equal("bronze", level);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void A_project_not_on_the_platform_sdk_is_none()
    {
        var task = Task("clean.sarif");
        task.UsingPlatformSdk = string.Empty;

        var (_, level) = Write(task);

        Assert.Equal("none", level);
    }

    [Fact]
    public void The_record_is_byte_for_byte_stable()
    {
        var task = Task("findings.sarif");
        task.Deviations = [Items.Deviation("PLAT2001")];

        Assert.True(task.Execute());
        var first = File.ReadAllBytes(task.OutputFile);
        Assert.True(task.Execute());

        Assert.Equal(first, File.ReadAllBytes(task.OutputFile));
        Assert.DoesNotContain((byte)'\r', first);
    }

    [Fact]
    public void An_unwritable_record_path_is_a_coded_error()
    {
        var blocker = Path.Combine(_directory, "file");
        File.WriteAllText(blocker, "not a directory");
        var task = Task("clean.sarif");
        task.OutputFile = Path.Combine(blocker, "compliance.json");

        Assert.False(task.Execute());
        Assert.Contains("PlatformComplianceFile", _engine.Error("PLAT0162").Message);
    }

    private (JsonObject Record, string Level) Write(WritePlatformComplianceRecord task)
    {
        Assert.True(task.Execute(), string.Join(Environment.NewLine, _engine.Errors.Select(e => e.Message)));
        var record = JsonNode.Parse(File.ReadAllText(task.OutputFile))!.AsObject();
        Assert.Equal(task.Level, (string?)record["level"]);
        return (record, task.Level);
    }

    private WritePlatformComplianceRecord Task(string sarif) => new()
    {
        BuildEngine = _engine,
        OutputFile = Path.Combine(_directory, "obj", "platform", "Release", "net10.0", "compliance.json"),
        ProjectFile = ProjectFile,
        ProjectName = "Orders",
        ProjectKind = "web",
        TargetFramework = "net10.0",
        Configuration = "Release",
        UsingPlatformSdk = "true",
        SdkVersion = "1.4.0",
        IsCI = "true",
        SarifFile = Path.Combine(AppContext.BaseDirectory, "Sarif", sarif),
        RulePrefixes = ["PLAT"],
        KnownRuleIds = Items.KnownRules,
        KnownSettings = Items.KnownSettings,
        BuildDate = "2026-11-26",
    };
}
