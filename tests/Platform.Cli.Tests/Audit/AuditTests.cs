using System.Text.Json;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Audit;

public sealed class AuditTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    [Fact]
    public void The_fixture_built_every_project_but_the_expired_one()
    {
        Assert.False(fixture.Build.Succeeded, fixture.Build.ToString());
        Assert.Contains("PLAT0106", fixture.Build.Output, StringComparison.Ordinal);
        foreach (var project in new[] { "Gold", "Silver", "Bronze", "Old" })
        {
            Assert.True(File.Exists(Path.Combine(fixture.Root, "src", project, "obj", "platform", "Debug", "net10.0", "compliance.json")), project + "\n" + fixture.Build);
        }
    }

    [Fact]
    public async Task Json_reports_level_deviations_findings_and_drift_of_every_project()
    {
        var result = await InProcessCli.RunAsync("audit", fixture.Root, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = result.Json();
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var projects = root.GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["Bronze", "Expired", "Gold", "Old", "Silver"], projects.Keys.Order());

        Assert.Equal("gold", Level(projects["Gold"]));
        Assert.Equal("library", projects["Gold"].GetProperty("kind").GetString());
        Assert.Equal(fixture.Feed.KitVersion, projects["Gold"].GetProperty("sdkVersion").GetString());
        Assert.Equal("current", projects["Gold"].GetProperty("drift").GetProperty("status").GetString());
        Assert.Equal("team-gold", projects["Gold"].GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("property", projects["Gold"].GetProperty("owner").GetProperty("source").GetString());
        Assert.Equal("@org/silver-team", projects["Silver"].GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("codeowners", projects["Silver"].GetProperty("owner").GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, projects["Bronze"].GetProperty("owner").ValueKind);
        Assert.Equal("github.com/contoso/audit", root.GetProperty("repository").GetString()); // its origin remote, not the folder

        Assert.Equal("silver", Level(projects["Silver"]));
        var deviation = Assert.Single(projects["Silver"].GetProperty("deviations").EnumerateArray());
        Assert.Equal("PLAT2001", deviation.GetProperty("id").GetString());
        Assert.Equal("team-x", deviation.GetProperty("owner").GetString());
        Assert.Equal(AuditFixture.SilverExpires, deviation.GetProperty("expires").GetString());
        Assert.Equal("active", deviation.GetProperty("status").GetString());
        Assert.Equal(90, deviation.GetProperty("daysLeft").GetInt32());

        Assert.Equal("bronze", Level(projects["Bronze"]));
        Assert.Contains(projects["Bronze"].GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "PLAT2001" && f.GetProperty("file").GetString() == "LegacyClient.cs");

        Assert.Equal("bronze", Level(projects["Expired"]));
        var expired = Assert.Single(projects["Expired"].GetProperty("deviations").EnumerateArray());
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal("team-late", expired.GetProperty("owner").GetString());

        Assert.Equal(fixture.Feed.OldVersion, projects["Old"].GetProperty("sdkVersion").GetString());
        Assert.Equal("outdated", projects["Old"].GetProperty("drift").GetProperty("status").GetString());
        Assert.Equal(fixture.Feed.KitVersion, projects["Old"].GetProperty("drift").GetProperty("newest").GetString());
        Assert.Equal("outdated", projects["Old"].GetProperty("template").GetProperty("status").GetString());
        Assert.Equal("0.9.0", projects["Old"].GetProperty("template").GetProperty("templateVersion").GetString());

        var summary = root.GetProperty("summary");
        Assert.Equal(5, summary.GetProperty("projects").GetInt32());
        Assert.Equal(4, summary.GetProperty("upToDate").GetInt32());
        Assert.Equal(0.8, summary.GetProperty("upToDateCoverage").GetDouble());
        Assert.Equal(projects.Values.Count(p => Level(p) == "gold"), summary.GetProperty("levels").GetProperty("gold").GetInt32());
        Assert.Equal(2, summary.GetProperty("levels").GetProperty("bronze").GetInt32());
        Assert.Equal(1, summary.GetProperty("outdatedProjects").GetInt32());
        Assert.Equal(1, summary.GetProperty("templateDrift").GetInt32());
        Assert.Equal(fixture.Feed.KitVersion, root.GetProperty("feed").GetProperty("newestSdkVersion").GetString());
    }

    [Fact]
    public async Task Sarif_is_valid_2_1_0_with_a_result_per_finding_expired_deviation_outdated_sdk_and_template_drift()
    {
        var result = await InProcessCli.RunAsync("audit", fixture.Root, "--format", "sarif");

        Assert.Equal(0, result.ExitCode);
        using var json = result.Json();
        var root = json.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal("platform", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var ruleIds = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        foreach (var r in results)
        {
            Assert.Contains(r.GetProperty("ruleId").GetString(), ruleIds);
            Assert.Contains(r.GetProperty("level").GetString(), new[] { "error", "warning", "note", "none" });
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetProperty("text").GetString()));
            var uri = Assert.Single(r.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
            Assert.EndsWith(".csproj", uri, StringComparison.Ordinal);
            Assert.False(Path.IsPathRooted(uri));
        }

        Assert.Contains(results, r => Rule(r) == "PLAT2001" && Uri(r) == "src/Bronze/Bronze.csproj" && r.GetProperty("level").GetString() == "warning");
        Assert.Contains(results, r => Rule(r) == "PLAT0106" && Uri(r) == "src/Expired/Expired.csproj" && r.GetProperty("level").GetString() == "error");
        Assert.Contains(results, r => Rule(r) == "PLAT0901" && Uri(r) == "src/Old/Old.csproj");
        Assert.Contains(results, r => Rule(r) == "PLAT0902" && Uri(r) == "src/Old/Old.csproj");
        Assert.DoesNotContain(results, r => Uri(r) == "src/Gold/Gold.csproj");
        Assert.DoesNotContain(results, r => Uri(r) == "src/Silver/Silver.csproj");
    }

    [Fact]
    public async Task Table_shows_the_scorecard_and_the_summary()
    {
        var result = await InProcessCli.RunAsync("audit", fixture.Root);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(["PROJECT", "OWNER", "KIND", "SDK", "LEVEL", "DEVIATIONS", "FINDINGS"]));
        Assert.Contains(lines, l => l.StartsWith("src/Silver/Silver.csproj", StringComparison.Ordinal) && l.Contains("silver", StringComparison.Ordinal) && l.Contains("PLAT2001 team-x until " + AuditFixture.SilverExpires, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("src/Expired/Expired.csproj", StringComparison.Ordinal) && l.Contains("EXPIRED " + AuditFixture.ExpiredOn, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("src/Bronze/Bronze.csproj", StringComparison.Ordinal) && l.Contains("PLAT2001 LegacyClient.cs:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("src/Old/Old.csproj", StringComparison.Ordinal) && l.Contains($"{fixture.Feed.OldVersion} (newest {fixture.Feed.KitVersion})", StringComparison.Ordinal));
        Assert.Contains("Up-to-date coverage: 4/5 (80 %)", result.Output, StringComparison.Ordinal);
        Assert.Contains("template drift: src/Old/.platform/template.json", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_and_techinsights_report_every_project()
    {
        var markdown = await InProcessCli.RunAsync("audit", fixture.Root, "--format", "markdown");
        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains("| `src/Silver/Silver.csproj` | @org/silver-team (CODEOWNERS) | library |", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("| `src/Gold/Gold.csproj` | team-gold | library |", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("| `src/Bronze/Bronze.csproj` | no owner | library |", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("**silver**", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("EXPIRED " + AuditFixture.ExpiredOn, markdown.Output, StringComparison.Ordinal);
        Assert.Contains("| `src/Old/.platform/template.json` | platform-library | 0.9.0 | ", markdown.Output, StringComparison.Ordinal);
        Assert.Contains(" | outdated: [`platform sync`](https://github.com/platform/platform-sdk/blob/main/docs/templates.md#updating-a-repo-from-a-newer-template-platform-sync) |", markdown.Output, StringComparison.Ordinal);

        var factsFile = Path.Combine(fixture.Root, "facts-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        var insights = await InProcessCli.RunAsync("audit", fixture.Root, "--format", "techinsights", "--facts", factsFile);
        Assert.Equal(0, insights.ExitCode);
        Assert.Equal(insights.Output.Trim(), File.ReadAllText(factsFile).Trim());
        using var json = insights.Json();
        var facts = json.RootElement.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("entity").GetProperty("name").GetString()!, f => f.GetProperty("facts"));
        Assert.Equal("silver", facts["silver"].GetProperty("platformComplianceLevel").GetString());
        Assert.False(facts["old"].GetProperty("platformSdkUpToDate").GetBoolean());
        Assert.Equal(1, facts["expired"].GetProperty("platformExpiredDeviations").GetInt32());
    }

    [Theory]
    [InlineData("gold", 1)]
    [InlineData("silver", 1)]
    [InlineData("bronze", 0)]
    public async Task Min_level_is_the_ci_gate(string minLevel, int exitCode)
    {
        var result = await InProcessCli.RunAsync("audit", fixture.Root, "--min-level", minLevel, "--format", "json");

        Assert.Equal(exitCode, result.ExitCode);
        using var json = result.Json();
        var below = json.RootElement.GetProperty("projects").EnumerateArray().Where(p => p.GetProperty("belowMinLevel").GetBoolean()).Select(p => p.GetProperty("name").GetString()).Order().ToList();
        var expected = minLevel switch
        {
            "gold" => new[] { "Bronze", "Expired", "Silver" },
            "silver" => ["Bronze", "Expired"],
            _ => [],
        };
        Assert.Equal(expected, below);
        if (exitCode != 0)
        {
            Assert.Contains("below --min-level " + minLevel, result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>`platform fleet ingest --checkouts`: the fleet audits each checkout itself (here, on this class's built repo).</summary>
    [Fact]
    public async Task Fleet_ingest_audits_every_checkout_of_a_folder_and_skips_one_without_projects_with_PLAT0458()
    {
        var checkouts = Path.Combine(Path.GetTempPath(), "platform-fleet-tests", "checkouts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(checkouts, "empty-repo"));
        Directory.CreateSymbolicLink(Path.Combine(checkouts, "orders"), fixture.Root);
        var database = Path.Combine(checkouts, "..", Path.GetFileName(checkouts) + ".db");

        var result = await InProcessCli.RunAsync("fleet", "ingest", "--checkouts", checkouts, "--records-only", "--offline", "--today", "2026-12-01", "--database", database);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PLAT0458: " + Path.Combine(checkouts, "empty-repo") + " was skipped", result.Error, StringComparison.Ordinal);
        Assert.Contains("Ingested 1 snapshot(s) of 1 repositories", result.Output, StringComparison.Ordinal);
        using var store = Platform.Cli.Fleet.FleetStore.Open(database);
        var snapshot = Assert.Single(store.Load().Latest);
        Assert.Equal(new DateOnly(2026, 12, 1), snapshot.Date);
        Assert.Equal(["Bronze", "Expired", "Gold", "Old", "Silver"], snapshot.Projects.Select(p => p.Name).Order());
        Assert.Equal("team-gold", snapshot.Projects.Single(p => p.Name == "Gold").Owner);
        Assert.Equal("silver", snapshot.Projects.Single(p => p.Name == "Silver").Level);
    }

    [Fact]
    public async Task Records_only_reads_the_build_records_without_evaluating()
    {
        var result = await InProcessCli.RunAsync("audit", fixture.Root, "--records-only", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = result.Json();
        var projects = json.RootElement.GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("gold", Level(projects["Gold"]));
        Assert.Equal("silver", Level(projects["Silver"]));
        Assert.Equal("bronze", Level(projects["Bronze"]));
        Assert.Equal("bronze", Level(projects["Expired"]));
        Assert.Equal("outdated", projects["Old"].GetProperty("drift").GetProperty("status").GetString());
        // The owner as the build recorded it.
        Assert.Equal("team-gold", projects["Gold"].GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("@org/silver-team", projects["Silver"].GetProperty("owner").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Output_into_a_missing_folder_creates_it_and_writes_the_report()
    {
        var target = Path.Combine(fixture.Root, "reports-" + Guid.NewGuid().ToString("N")[..6], "nested", "audit.sarif");

        var result = await InProcessCli.RunAsync("audit", fixture.Root, "--records-only", "--offline", "--format", "sarif", "--output", target);

        Assert.Equal(0, result.ExitCode);
        using var sarif = JsonDocument.Parse(File.ReadAllText(target));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Output_or_facts_to_a_folder_is_an_io_error_naming_the_path_and_writes_nothing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "reports-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var report = Path.Combine(folder, "audit.json");

        var output = await InProcessCli.RunAsync("audit", fixture.Root, "--records-only", "--offline", "--output", folder);
        var facts = await InProcessCli.RunAsync("audit", fixture.Root, "--records-only", "--offline", "--format", "json", "--output", report, "--facts", folder);

        foreach (var result in new[] { output, facts })
        {
            Assert.Equal(9, result.ExitCode);
            Assert.Contains($"'{folder}' is a folder", result.Error, StringComparison.Ordinal);
            Assert.Contains("Pass a file path", result.Error, StringComparison.Ordinal);
            Assert.False(result.HasStackTrace, result.ToString());
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder)); // --output was not written alone, and no temp file is left
    }

    private static string? Level(JsonElement project) => project.GetProperty("level").GetString();

    private static string? Rule(JsonElement result) => result.GetProperty("ruleId").GetString();

    private static string? Uri(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
}
