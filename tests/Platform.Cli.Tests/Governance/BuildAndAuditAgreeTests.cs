using System.Text.Json.Nodes;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Governance;

/// <summary>
/// The build and `platform audit` judge deviations, enforcement dates and levels with the same code
/// (sdk/Platform.Governance): one table (<see cref="GovernanceCase"/>) drives a real build's compliance record and
/// the audit of the same repo, and both must give the table's level and deviation statuses.
/// </summary>
public sealed class BuildAndAuditAgreeTests(BuildAndAuditFixture fixture) : IClassFixture<BuildAndAuditFixture>
{
    public static TheoryData<string> Cases() => [.. GovernanceCase.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_build_record_has_the_tables_level_and_statuses(string name)
    {
        var expected = GovernanceCase.All.Single(c => c.Name == name);
        var file = fixture.RecordPath(name);
        Assert.True(File.Exists(file), $"no record for {name}\n{fixture.Build}");

        var record = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal(expected.Level, (string?)record["level"]);
        Assert.Equal(expected.DeviationStatuses, record["deviations"]!.AsArray().Select(d => (string?)d!["status"]).ToArray());
        if (expected.EnforcementMode is { } mode)
        {
            Assert.Contains(record["enforcement"]!.AsArray(), e => (string?)e!["ruleId"] == "PLAT5002" && (string?)e["mode"] == mode);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_audit_has_the_tables_level_and_statuses(string name)
    {
        var expected = GovernanceCase.All.Single(c => c.Name == name);

        using var json = fixture.Audit.Json();
        var project = Assert.Single(json.RootElement.GetProperty("projects").EnumerateArray(), p => p.GetProperty("name").GetString() == name);
        Assert.Equal(expected.Level, project.GetProperty("level").GetString());
        Assert.Equal(expected.DeviationStatuses, project.GetProperty("deviations").EnumerateArray().Select(d => d.GetProperty("status").GetString()).ToArray());
        Assert.False(fixture.Audit.HasStackTrace, fixture.Audit.ToString());
    }

    [Fact]
    public async Task Audit_reads_the_Release_record_under_the_backslashed_obj_folder_so_a_Release_regression_fails_the_gate()
    {
        Assert.True(fixture.ReleaseBuild.Succeeded, fixture.ReleaseBuild.ToString());
        Assert.Equal("gold", (string?)JsonNode.Parse(File.ReadAllText(fixture.RecordPath("Configurations")))!["level"]);
        Assert.Equal("bronze", (string?)JsonNode.Parse(File.ReadAllText(fixture.RecordPath("Configurations", "Release")))!["level"]);
        var project = Path.Combine(fixture.Root, "src", "Configurations");

        var newest = await InProcessCli.RunAsync("audit", project, "--offline", "--min-level", "silver", "--format", "json");
        var release = await InProcessCli.RunAsync("audit", project, "--offline", "-c", "Release", "--min-level", "silver", "--format", "json");

        foreach (var result in new[] { newest, release })
        {
            Assert.Equal(1, result.ExitCode);
            using var json = result.Json();
            var audited = Assert.Single(json.RootElement.GetProperty("projects").EnumerateArray());
            Assert.Equal("bronze", audited.GetProperty("level").GetString());
            Assert.Equal("Release", audited.GetProperty("record").GetProperty("configuration").GetString());
        }
    }
}
