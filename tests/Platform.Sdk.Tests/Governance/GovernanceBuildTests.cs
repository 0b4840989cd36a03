using System.Text.Json.Nodes;

namespace Platform.Sdk.Tests.Governance;

/// <summary>
/// End to end: deviations, staged enforcement and the compliance record on throwaway projects built on the packed kit.
/// Every scenario pins PlatformBuildDate, so expiry and enforcement dates never drift with the calendar.
/// </summary>
public class GovernanceBuildTests
{
    private const string BuildDate = "2026-11-26";

    private const string CreatesHttpClient = """
        namespace Probe;

        /// <summary>Talks to the legacy partner API.</summary>
        public static class LegacyClient
        {
            /// <summary>Creates the client the old way (PLAT2001).</summary>
            public static System.Net.Http.HttpClient Create() => new System.Net.Http.HttpClient();
        }
        """;

    private const string SleepsOnAThread = """
        namespace Probe;

        /// <summary>Waits the old way (PLAT5002).</summary>
        public static class Waiter
        {
            /// <summary>Blocks for a moment.</summary>
            public static void Pause() => System.Threading.Thread.Sleep(10);
        }
        """;

    private const string Clean = """
        namespace Probe;

        /// <summary>Formats greetings.</summary>
        public static class Greetings
        {
            /// <summary>Returns a greeting for <paramref name="name"/>.</summary>
            public static string For(string name) => $"Hello, {name}!";
        }
        """;

    [Fact]
    public async Task A_clean_project_is_gold_and_its_record_describes_it()
    {
        var repo = await Project().WithFile("Greetings.cs", Clean).WriteAsync();

        var build = await repo.BuildAsync(ci: true);

        Assert.True(build.Succeeded, build.ToString());
        var record = ReadRecord(repo);
        Assert.Equal("gold", (string?)record["level"]);
        Assert.Equal(1, (int)record["schemaVersion"]!);
        Assert.Null(record["owner"]);
        Assert.Equal(BuildDate, (string?)record["buildDate"]);
        Assert.True((bool)record["ci"]!);
        Assert.Equal("Probe", (string?)record["project"]!["name"]);
        Assert.Equal(repo.ProjectPath, (string?)record["project"]!["path"]);
        Assert.Equal("library", (string?)record["project"]!["kind"]);
        Assert.True((bool)record["sdk"]!["used"]!);
        Assert.Equal(repo.KitVersion, (string?)record["sdk"]!["version"]);
        Assert.True((bool)record["diagnostics"]!["available"]!);
        var nullable = Assert.Single(record["settings"]!.AsArray(), s => (string?)s!["name"] == "Nullable")!;
        Assert.Equal("enable", (string?)nullable["effective"]);
        Assert.Equal("default", (string?)nullable["status"]);
    }

    [Fact]
    public async Task PlatformOwner_is_recorded_and_without_it_the_last_matching_CODEOWNERS_rule_names_the_team()
    {
        const string codeOwners = "# owners\n*          @org/everyone\n/src/      @org/orders-team @alice\n/src/Other/ @org/other\n";
        var fromCodeOwners = await Project().WithFile("Greetings.cs", Clean).WithRepoFile(".github/CODEOWNERS", codeOwners).WriteAsync();
        var fromProperty = await Project().WithFile("Greetings.cs", Clean).WithRepoFile(".github/CODEOWNERS", codeOwners).WithProperty("PlatformOwner", "team-payments").WriteAsync();
        var optedOut = await Project().WithFile("Greetings.cs", Clean).WithRepoFile("CODEOWNERS", codeOwners).WithProperty("PlatformOwnerFromCodeOwners", "false").WriteAsync();

        foreach (var repo in new[] { fromCodeOwners, fromProperty, optedOut })
        {
            var build = await repo.BuildAsync(ci: false);
            Assert.True(build.Succeeded, build.ToString());
        }

        Assert.Equal("@org/orders-team", (string?)ReadRecord(fromCodeOwners)["owner"]!["name"]);
        Assert.Equal("codeowners", (string?)ReadRecord(fromCodeOwners)["owner"]!["source"]);
        Assert.Equal("team-payments", (string?)ReadRecord(fromProperty)["owner"]!["name"]);
        Assert.Equal("property", (string?)ReadRecord(fromProperty)["owner"]!["source"]);
        Assert.Null(ReadRecord(optedOut)["owner"]);
    }

    [Fact]
    public async Task A_violating_project_is_bronze_and_lists_its_findings()
    {
        var repo = await Project().WithFile("LegacyClient.cs", CreatesHttpClient).WriteAsync();

        var build = await repo.BuildAsync(ci: false);

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("PLAT2001", build.WarningCodes);
        var record = ReadRecord(repo);
        Assert.Equal("bronze", (string?)record["level"]);
        var finding = Assert.Single(record["findings"]!.AsArray())!;
        Assert.Equal("PLAT2001", (string?)finding["ruleId"]);
        Assert.Equal("LegacyClient.cs", (string?)finding["file"]);
        Assert.Equal(7, (int)finding["line"]!);
    }

    [Fact]
    public async Task A_registered_deviation_builds_in_CI_and_is_silver()
    {
        var repo = await Project()
            .WithFile("LegacyClient.cs", CreatesHttpClient)
            .WithRepoFile("Directory.Build.props", DeviationProps("PLAT2001", owner: "team-payments", expires: "2027-03-31"))
            .WriteAsync();

        var build = await repo.BuildAsync(ci: true);

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("PLAT2001", build.WarningCodes);
        Assert.DoesNotContain("PLAT2001", build.ErrorCodes);
        var record = ReadRecord(repo);
        Assert.Equal("silver", (string?)record["level"]);
        var deviation = Assert.Single(record["deviations"]!.AsArray())!;
        Assert.Equal("active", (string?)deviation["status"]);
        Assert.Equal("team-payments", (string?)deviation["owner"]);
        Assert.Equal(1, (int)deviation["suppressedResults"]!);
        var suppressed = Assert.Single(record["suppressed"]!.AsArray())!;
        Assert.Equal("PLAT2001", (string?)suppressed["ruleId"]);
        Assert.False(string.IsNullOrEmpty((string?)suppressed["justification"]));
        Assert.Equal("PLAT2001", (string?)suppressed["deviation"]!["id"]);
        Assert.Empty(record["findings"]!.AsArray());
    }

    [Fact]
    public async Task Several_registered_deviations_all_apply()
    {
        var repo = await Project()
            .WithFile("LegacyClient.cs", CreatesHttpClient)
            .WithFile("Waiter.cs", SleepsOnAThread)
            .WithXml("""
                <ItemGroup>
                  <PlatformDeviation Include="PLAT2001" Reason="Legacy partner client" Owner="team-payments" Expires="2027-03-31" />
                  <PlatformDeviation Include="PLAT5002" Reason="Polling loop until the queue migration" Owner="team-payments" Expires="2027-03-31" />
                </ItemGroup>
                """)
            .WriteAsync();

        var build = await repo.BuildAsync(ci: true);

        Assert.True(build.Succeeded, build.ToString());
        var record = ReadRecord(repo);
        Assert.Equal("silver", (string?)record["level"]);
        Assert.Equal(["PLAT2001", "PLAT5002"], record["suppressed"]!.AsArray().Select(s => (string?)s!["ruleId"]).Order());
    }

    [Fact]
    public async Task An_expired_deviation_fails_the_build_naming_the_rule_the_owner_and_the_date()
    {
        var repo = await Project()
            .WithFile("LegacyClient.cs", CreatesHttpClient)
            .WithRepoFile("Directory.Build.props", DeviationProps("PLAT2001", owner: "team-checkout", expires: "2026-10-31"))
            .WriteAsync();

        var build = await repo.BuildAsync(ci: false);

        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains("PLAT0106", build.ErrorCodes);
        Assert.Matches(@"error PLAT0106: PlatformDeviation 'PLAT2001' \(owner team-checkout\) expired on 2026-10-31", build.Output);
        Assert.False(build.HasStackTrace, build.ToString());
        var record = ReadRecord(repo);
        Assert.Equal("bronze", (string?)record["level"]);
        Assert.Equal("expired", (string?)record["deviations"]![0]!["status"]);
    }

    [Fact]
    public async Task A_deviation_close_to_expiry_warns_but_does_not_fail_CI()
    {
        var repo = await Project()
            .WithFile("LegacyClient.cs", CreatesHttpClient)
            .WithRepoFile("Directory.Build.props", DeviationProps("PLAT2001", owner: "team-payments", expires: "2026-12-01"))
            .WriteAsync();

        var build = await repo.BuildAsync(ci: true);

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("PLAT0110", build.WarningCodes);
        Assert.Equal("expiring", (string?)ReadRecord(repo)["deviations"]![0]!["status"]);
    }

    [Fact]
    public async Task A_setting_deviation_lets_CI_build_with_the_setting_changed_and_is_silver()
    {
        var deviated = await Project()
            .WithFile("Greetings.cs", Clean)
            .WithProperty("Nullable", "disable")
            .WithXml("""<ItemGroup><PlatformDeviation Include="Nullable" Reason="Generated legacy code, annotated in Q1" Owner="team-orders" Expires="2027-02-28" /></ItemGroup>""")
            .WriteAsync();
        var undeviated = await Project().WithFile("Greetings.cs", Clean).WithProperty("Nullable", "disable").WriteAsync();

        var ciDeviated = await deviated.BuildAsync(ci: true);
        var ciUndeviated = await undeviated.BuildAsync(ci: true);

        Assert.True(ciDeviated.Succeeded, ciDeviated.ToString());
        var record = ReadRecord(deviated);
        Assert.Equal("silver", (string?)record["level"]);
        var nullable = Assert.Single(record["settings"]!.AsArray(), s => (string?)s!["name"] == "Nullable")!;
        Assert.Equal("disable", (string?)nullable["effective"]);
        Assert.Equal("deviated", (string?)nullable["status"]);
        Assert.Equal("setting", (string?)record["deviations"]![0]!["kind"]);

        Assert.False(ciUndeviated.Succeeded, ciUndeviated.ToString());
        Assert.Contains("PLAT9001", ciUndeviated.ErrorCodes);
    }

    [Theory]
    [InlineData("Reason=\"legacy\" Expires=\"2027-01-31\"", "PLAT0101")]
    [InlineData("Reason=\"legacy\" Owner=\"team-payments\" Expires=\"31/01/2027\"", "PLAT0103")]
    [InlineData("Reason=\"legacy\" Owner=\"team-payments\" Expires=\"2028-01-31\"", "PLAT0105")]
    public async Task A_malformed_deviation_is_a_PLAT_error_without_a_stack_trace(string metadata, string code)
    {
        var repo = await Project()
            .WithXml($"""<ItemGroup><PlatformDeviation Include="PLAT2001" {metadata} /></ItemGroup>""")
            .WriteAsync();

        var build = await repo.BuildAsync(ci: false);

        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains(code, build.ErrorCodes);
        Assert.False(build.HasStackTrace, build.ToString());
    }

    [Fact]
    public async Task An_unknown_rule_cannot_be_deviated()
    {
        var repo = await Project()
            .WithXml("""<ItemGroup><PlatformDeviation Include="PLAT7777" Reason="x" Owner="team-a" Expires="2027-01-31" /></ItemGroup>""")
            .WriteAsync();

        var build = await repo.BuildAsync(ci: false);

        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains("PLAT0104", build.ErrorCodes);
        Assert.False(build.HasStackTrace, build.ToString());
    }

    [Fact]
    public async Task A_staged_rule_is_a_warning_in_CI_before_its_date_and_an_error_from_it()
    {
        var staged = """
            <Project>
              <ItemGroup>
                <PlatformRuleEnforcement Include="PLAT5002" ErrorFrom="2027-01-01" />
              </ItemGroup>
            </Project>
            """;
        var before = await Project("2026-12-31").WithFile("Waiter.cs", SleepsOnAThread).WithRepoFile("Directory.Build.props", staged).WriteAsync();
        var from = await Project("2027-01-01").WithFile("Waiter.cs", SleepsOnAThread).WithRepoFile("Directory.Build.props", staged).WriteAsync();

        var ciBefore = await before.BuildAsync(ci: true);
        var localFrom = await from.BuildAsync(ci: false);

        Assert.True(ciBefore.Succeeded, ciBefore.ToString());
        Assert.Contains("PLAT5002", ciBefore.WarningCodes);
        Assert.Contains("PLAT0150", ciBefore.WarningCodes);
        Assert.Contains("2027-01-01", ciBefore.Output);
        Assert.Equal("warning", (string?)ReadRecord(before)["enforcement"]!.AsArray().Single(e => (string?)e!["ruleId"] == "PLAT5002")!["mode"]);

        Assert.False(localFrom.Succeeded, localFrom.ToString());
        Assert.Contains("PLAT5002", localFrom.ErrorCodes);
    }

    [Fact]
    public async Task A_no_op_rebuild_leaves_the_record_untouched()
    {
        var repo = await Project().WithFile("Greetings.cs", Clean).WriteAsync();
        var first = await repo.BuildAsync(ci: false);
        Assert.True(first.Succeeded, first.ToString());
        var path = RecordPath(repo);
        var written = File.GetLastWriteTimeUtc(path);

        var second = await repo.BuildAsync(ci: false);

        Assert.True(second.Succeeded, second.ToString());
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task The_record_can_be_turned_off()
    {
        var repo = await Project().WithFile("Greetings.cs", Clean).WithProperty("PlatformCompliance", "false").WriteAsync();

        var build = await repo.BuildAsync(ci: false);

        Assert.True(build.Succeeded, build.ToString());
        Assert.False(File.Exists(RecordPath(repo)));
    }

    private static ConsumerProject Project(string buildDate = BuildDate) =>
        ConsumerProject.Create().WithProperty("PlatformBuildDate", buildDate);

    private static string DeviationProps(string id, string owner, string expires) => $"""
        <Project>
          <ItemGroup>
            <PlatformDeviation Include="{id}" Reason="Legacy partner client until the v2 migration" Owner="{owner}" Expires="{expires}" />
          </ItemGroup>
        </Project>
        """;

    private static string RecordPath(ConsumerRepo repo) =>
        Path.Combine(repo.ProjectDirectory, "obj", "platform", "Debug", "net10.0", "compliance.json");

    private static JsonObject ReadRecord(ConsumerRepo repo) =>
        JsonNode.Parse(File.ReadAllText(RecordPath(repo)))!.AsObject();
}
