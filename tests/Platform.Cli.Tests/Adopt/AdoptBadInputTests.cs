using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Adopt;

/// <summary>adopt and baseline on bad input: a clear message and exit code, no stack trace, the repo unchanged.</summary>
public sealed class AdoptBadInputTests
{
    private static string Repo(Dictionary<string, string> files)
    {
        var root = Path.Combine(RepoPaths.TempRoot, "repos", "adopt-bad-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Directory.CreateDirectory(root);
        return root;
    }

    private static void AssertClean(CliResult result, int exitCode, string message, string root, Dictionary<string, string> before)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
        Assert.Equal(before, FixtureRepo.HashTree(root));
    }

    [Fact]
    public async Task Repo_without_projects_exits_4()
    {
        var root = Repo(new() { ["README.md"] = "# nothing to build\n" });
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("adopt", root, "--feed", "https://kit.example/v3/index.json");

        AssertClean(result, 4, "No projects found", root, before);
    }

    [Fact]
    public async Task Repo_with_only_projects_on_other_SDKs_exits_14_with_each_reason()
    {
        var root = Repo(new()
        {
            ["src/Lib/Lib.fsproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n</Project>\n",
            ["tests/T/T.csproj"] = "<Project Sdk=\"MSTest.Sdk/3.6.0\">\n</Project>\n",
        });
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("adopt", root, "--feed", "https://kit.example/v3/index.json", "--version", "1.0.0");

        AssertClean(result, 14, "None of the 2 project(s) can move onto the kit", root, before);
        Assert.Contains("src/Lib/Lib.fsproj: .fsproj project", result.Error, StringComparison.Ordinal);
        Assert.Contains("tests/T/T.csproj: on the 'MSTest.Sdk' SDK", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/v3/index.json")]
    [InlineData("/nonexistent/platform-feed")]
    public async Task A_feed_that_is_down_exits_7_before_writing_anything(string feed)
    {
        var root = Repo(new() { ["src/A/A.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n" });
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("adopt", root, "--feed", feed);

        AssertClean(result, 7, "gave no Platform.Sdk version", root, before);
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 1, \"owner\": ", 11, "PLAT0400")]
    [InlineData("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> main\n", 11, "merge conflict")]
    [InlineData("{ \"schemaVersion\": 1, \"targetDate\": \"2027-01-01\", \"projects\": [] }", 11, "PLAT0401")]
    [InlineData("{ \"schemaVersion\": 1, \"owner\": \"a\", \"targetDate\": \"2027-01-01\", \"projects\": [ { \"path\": \"a.csproj\", \"burnDown\": [ { \"date\": \"2026-11-01\", \"count\": 1 } ], \"findings\": [ { \"rule\": \"PLAT2001\", \"file\": \"a.cs\", \"fingerprint\": \"f1\" }, { \"rule\": \"PLAT2001\", \"file\": \"b.cs\", \"fingerprint\": \"f2\" } ] } ] }", 12, "PLAT0402")]
    public async Task A_dirty_or_corrupted_baseline_is_reported_with_its_code(string baseline, int exitCode, string message)
    {
        var root = Repo(new() { [".platform/baseline.json"] = baseline, ["a.csproj"] = "<Project Sdk=\"Platform.Sdk\" />" });
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("baseline", root);

        AssertClean(result, exitCode, message, root, before);
    }
}
