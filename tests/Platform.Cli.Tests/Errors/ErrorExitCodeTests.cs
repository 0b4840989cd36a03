using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Errors;

/// <summary>Bad input gets a clear message, a distinct exit code (docs/cli.md) and never a stack trace.</summary>
public sealed class ErrorExitCodeTests
{
    [Fact]
    public async Task Missing_path_exits_3()
    {
        var missing = Path.Combine(RepoPaths.TempRoot, "does-not-exist-" + Guid.NewGuid().ToString("N"));

        var result = await InProcessCli.RunAsync("audit", missing);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Fact]
    public async Task Repo_without_projects_exits_4()
    {
        var empty = Path.Combine(RepoPaths.TempRoot, "repos", "cli-empty-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(empty, "docs"));
        Directory.CreateDirectory(Path.Combine(empty, "bin", "Debug"));
        File.WriteAllText(Path.Combine(empty, "bin", "Debug", "Stale.csproj"), "<Project />");

        var result = await InProcessCli.RunAsync("audit", empty);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("No projects found", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Fact]
    public async Task Project_that_does_not_evaluate_exits_5_and_the_report_still_lists_the_others()
    {
        var root = Path.Combine(RepoPaths.TempRoot, "repos", "cli-broken-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "src", "Broken"));
        Directory.CreateDirectory(Path.Combine(root, "src", "Plain"));
        File.WriteAllText(Path.Combine(root, "src", "Broken", "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(root, "src", "Plain", "Plain.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n</Project>\n");

        var result = await InProcessCli.RunAsync("audit", root, "--offline");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("src/Broken/Broken.csproj", result.Error, StringComparison.Ordinal);
        Assert.Contains("did not evaluate", result.Error, StringComparison.Ordinal);
        Assert.Contains(result.Output.Split('\n'), l => l.StartsWith("src/Plain/Plain.csproj", StringComparison.Ordinal) && l.Contains("none", StringComparison.Ordinal));
        Assert.Contains(result.Output.Split('\n'), l => l.StartsWith("src/Broken/Broken.csproj", StringComparison.Ordinal) && l.Contains("error", StringComparison.Ordinal));
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Theory]
    [InlineData("audit", "--format", "xml")]
    [InlineData("audit", "--min-level", "platinum")]
    [InlineData("audit", "--no-such-option")]
    [InlineData("upgrade", "--to", "not-a-version", "--dry-run")]
    public async Task Invalid_arguments_exit_2(params string[] args)
    {
        var root = Path.Combine(RepoPaths.TempRoot, "repos", "cli-args-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "global.json"), "{ \"msbuild-sdks\": { \"Platform.Sdk\": \"1.0.0\" } }");

        var result = await InProcessCli.RunAsync([.. args, root]);

        Assert.Equal(2, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.False(result.HasStackTrace, result.ToString());
    }
}
