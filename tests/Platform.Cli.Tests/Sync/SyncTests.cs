using System.Text.Json;

namespace Platform.Cli.Tests.Sync;

/// <summary>`platform sync` from template A to B on a customised repo: what a team sees in its files and in the output.</summary>
[Collection(SyncCollection.Name)]
public sealed class SyncTests(SyncFixture fixture)
{
    [Fact]
    public void A_file_the_team_never_touched_takes_the_new_template_text()
    {
        var editorConfig = fixture.Read(fixture.Root, ".editorconfig");

        Assert.Contains("dotnet_diagnostic.CA1849.severity = warning", editorConfig, StringComparison.Ordinal);
        Assert.Equal(fixture.Read(fixture.Scaffold, ".editorconfig").Replace("IDE0005.severity = warning\n", "IDE0005.severity = warning\ndotnet_diagnostic.CA1849.severity = warning\n", StringComparison.Ordinal), editorConfig);
        Assert.Contains("  updated   .editorconfig", fixture.Sync.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_workflow_keeps_the_team_step_and_takes_the_template_change_without_conflict()
    {
        var workflow = fixture.Read(fixture.Root, SyncFixture.Workflow);

        Assert.Contains("run: dotnet restore --locked-mode\n", workflow, StringComparison.Ordinal);
        Assert.Contains(SyncFixture.CustomStep, workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("<<<<<<<", workflow, StringComparison.Ordinal);
        Assert.Contains("  merged    " + SyncFixture.Workflow, fixture.Sync.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_template_file_is_added_and_a_dropped_untouched_one_is_removed()
    {
        Assert.Equal("## What and why\n\n## How it was tested\n", fixture.Read(fixture.Root, ".github/pull_request_template.md"));
        Assert.False(File.Exists(Path.Combine(fixture.Root, "src/Orders/appsettings.Development.json")));
        Assert.Contains("  added     .github/pull_request_template.md", fixture.Sync.Output, StringComparison.Ordinal);
        Assert.Contains("  removed   src/Orders/appsettings.Development.json", fixture.Sync.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_both_sides_changed_gets_standard_conflict_markers_and_the_command_says_so_and_exits_18()
    {
        var program = fixture.Read(fixture.Root, SyncFixture.ProgramCs);

        Assert.Contains(
            $"<<<<<<< current\n{SyncFixture.CustomLine}\n=======\nbuilder.Services.AddSingleton<TimeProvider>(TimeProvider.System);\n>>>>>>> platform-api {fixture.Feed.VersionB}\n",
            program,
            StringComparison.Ordinal);
        Assert.Equal(18, fixture.Sync.ExitCode);
        Assert.Contains("  CONFLICT  src/Orders/Program.cs (1 conflict(s))", fixture.Sync.Output, StringComparison.Ordinal);
        Assert.Contains("PLAT0478", fixture.Sync.Error, StringComparison.Ordinal);
        Assert.Contains("src/Orders/Program.cs", fixture.Sync.Error, StringComparison.Ordinal);
        Assert.False(fixture.Sync.HasStackTrace, fixture.Sync.ToString());
    }

    [Theory]
    [InlineData(".platform/template.json")]
    [InlineData("src/Orders/.platform/template.json")]
    [InlineData("tests/Orders.Tests/.platform/template.json")]
    public void Every_stamp_names_B_and_the_options_it_was_made_with(string stamp)
    {
        using var json = JsonDocument.Parse(fixture.Read(fixture.Root, stamp));

        Assert.Equal(fixture.Feed.VersionB, json.RootElement.GetProperty("templateVersion").GetString());
        var name = json.RootElement.GetProperty("options").GetProperty("name").GetString();
        Assert.Equal(stamp == ".platform/template.json" ? SyncFixture.Name : "Orders", name);
    }

    [Fact]
    public void An_option_new_in_B_takes_its_default_and_the_output_says_so()
    {
        Assert.Contains($"note: platform-api {fixture.Feed.VersionB} adds the option --{TemplateFeed.AddedOption}: it takes its default '/healthz'", fixture.Sync.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_neither_the_template_nor_the_team_changed_are_left_alone()
    {
        var changed = fixture.DiffAfterSync.Split('\n').Where(l => l.StartsWith("diff --git ", StringComparison.Ordinal)).Select(l => l.Split(" b/")[1]).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            [".editorconfig", ".github/workflows/ci.yml", ".platform/template.json", "src/Orders/.platform/template.json", "src/Orders/Program.cs", "src/Orders/appsettings.Development.json", "tests/Orders.Tests/.platform/template.json"],
            changed);
    }

    [Fact]
    public void The_dry_run_prints_the_plan_and_a_diff_and_writes_nothing()
    {
        Assert.Equal(0, fixture.DryRun.ExitCode);
        Assert.Equal(string.Empty, fixture.StatusAfterDryRun);
        Assert.Contains($"platform-api {fixture.Feed.VersionA} -> {fixture.Feed.VersionB}", fixture.DryRun.Output, StringComparison.Ordinal);
        Assert.Contains("  CONFLICT  src/Orders/Program.cs", fixture.DryRun.Output, StringComparison.Ordinal);
        Assert.Contains("+dotnet_diagnostic.CA1849.severity = warning", fixture.DryRun.Output, StringComparison.Ordinal);
        Assert.Contains("Dry run: ", fixture.DryRun.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_sync_again_is_a_no_op()
    {
        Assert.Equal(0, fixture.Again.ExitCode);
        Assert.Contains($"Nothing to sync: every template stamp (3) is on {fixture.Feed.VersionB}.", fixture.Again.Output, StringComparison.Ordinal);
        Assert.Equal(fixture.DiffAfterSync, fixture.DiffAfterAgain);
    }
}
