namespace Platform.Templates.Tests;

/// <summary>The platform-repo workflow: valid YAML, CI mode, the commands <see cref="BuildTests"/> run, SARIF to code scanning.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public async Task The_repo_workflow_builds_and_tests_in_CI_mode_and_uploads_the_SARIF()
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("workflow");
        var result = await templates.NewAsync(output, "platform-repo", "-n", "Workflow.Repo", "-o", output);
        Assert.True(result.Succeeded, result.ToString());

        var workflow = Workflow.Load(Path.Combine(output, ".github", "workflows", "ci.yml"));

        Assert.Equal("true", workflow.Env("CI"));
        Assert.Equal(
            ["dotnet restore", "dotnet build --no-restore --configuration Release", "dotnet test --no-build --configuration Release"],
            workflow.DotNetCommands);
        Assert.Contains(workflow.Steps, s => s.Uses?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true && s.With.GetValueOrDefault("global-json-file") == "global.json");
        var collect = Assert.Single(workflow.Steps, s => s.Run?.Contains("obj/platform", StringComparison.Ordinal) == true);
        Assert.Contains("*.sarif", collect.Run, StringComparison.Ordinal);
        var upload = Assert.Single(workflow.Steps, s => s.Uses?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Equal("sarif", upload.With["sarif_file"]);
        Assert.Equal("always()", upload.If);
        Assert.Equal("always()", collect.If);
    }
}
