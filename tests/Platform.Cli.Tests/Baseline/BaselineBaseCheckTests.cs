using Platform.Baselines;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Baseline;

/// <summary>`platform baseline --base &lt;ref&gt;`, the pull-request gate: a change may shrink the baseline, never grow it.</summary>
public sealed class BaselineBaseCheckTests
{
    private static BaselineEntry Entry(string file, string fingerprint, int count = 1) => new("PLAT2001", file, fingerprint, count, "new HttpClient()");

    private static BaselineDocument Baseline(params BaselineProject[] projects) => new("team-a", "2027-06-30", projects);

    private static BaselineProject Project(string path, params BaselineEntry[] findings) =>
        new(path, [new BaselinePoint("2026-12-01", findings.Sum(f => f.Count))], findings);

    [Fact]
    public void A_swapped_or_removed_entry_is_not_growth_but_an_added_one_or_a_new_project_is()
    {
        var before = Baseline(Project("a.csproj", Entry("a.cs", "f1"), Entry("a.cs", "f2")), Project("gone.csproj", Entry("g.cs", "f9")));

        Assert.Empty(Baseline(Project("a.csproj", Entry("a.cs", "f1"), Entry("a.cs", "f3"))).GrownSince(before));
        Assert.Empty(Baseline(Project("a.csproj", Entry("a.cs", "f1"))).GrownSince(before));

        var grown = Baseline(Project("a.csproj", Entry("a.cs", "f1", 2), Entry("a.cs", "f2")), Project("new.csproj", Entry("n.cs", "f5"))).GrownSince(before);

        Assert.Equal(["a.csproj", "new.csproj"], grown.Select(g => g.Project));
        Assert.Equal((2, 3), (grown[0].Before, grown[0].After));
        Assert.Equal(Entry("a.cs", "f1", 1), Assert.Single(grown[0].Added));
        Assert.Equal(0, grown[1].Before);
    }

    [Fact]
    public async Task A_change_that_re_records_a_bigger_baseline_fails_against_its_base_and_a_smaller_one_passes()
    {
        var root = await GitRepoAsync();
        await WriteBaselineAsync(root, Baseline(Project("src/A/A.csproj", Entry("src/A/Client.cs", "f1"))));
        await GitAsync(root, "add", "-A");
        await GitAsync(root, "commit", "-q", "-m", "adopt");
        await GitAsync(root, "checkout", "-q", "-b", "feature");

        // A re-record on the branch: its own burn-down moved along, so the in-file check (PLAT0402) sees nothing.
        await WriteBaselineAsync(root, Baseline(Project("src/A/A.csproj", Entry("src/A/Client.cs", "f1"), Entry("src/A/Orders.cs", "f7"))));
        await GitAsync(root, "commit", "-q", "-am", "grow");

        var grown = await InProcessCli.RunAsync("baseline", root, "--base", "main");

        Assert.Equal(12, grown.ExitCode);
        Assert.Contains("PLAT0405: the baseline of src/A/A.csproj grew in this change: 2 finding(s), 1 at main", grown.Error, StringComparison.Ordinal);
        Assert.Contains("+ PLAT2001 src/A/Orders.cs: new HttpClient()", grown.Error, StringComparison.Ordinal);
        Assert.False(grown.HasStackTrace, grown.ToString());

        // Uncommitted working-tree edits count: the gate compares the file as it is with the merge-base.
        await WriteBaselineAsync(root, Baseline(Project("src/A/A.csproj")));
        var shrunk = await InProcessCli.RunAsync("baseline", root, "--base", "main");

        Assert.True(shrunk.ExitCode == 0, shrunk.ToString());
        Assert.Contains("did not grow", shrunk.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_change_that_introduces_the_baseline_passes_and_an_unknown_base_is_exit_22()
    {
        var root = await GitRepoAsync();
        await GitAsync(root, "checkout", "-q", "-b", "adopt");
        await WriteBaselineAsync(root, Baseline(Project("src/A/A.csproj", Entry("src/A/Client.cs", "f1"))));

        var introduced = await InProcessCli.RunAsync("baseline", root, "--base", "main");
        var unknown = await InProcessCli.RunAsync("baseline", root, "--base", "origin/no-such-branch");

        Assert.True(introduced.ExitCode == 0, introduced.ToString());
        Assert.Contains("new in this change", introduced.Output, StringComparison.Ordinal);
        Assert.Equal(22, unknown.ExitCode);
        Assert.Contains("PLAT0406", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", unknown.Error, StringComparison.Ordinal);
        Assert.False(unknown.HasStackTrace, unknown.ToString());
    }

    private static async Task<string> GitRepoAsync()
    {
        var root = Path.Combine(RepoPaths.TempRoot, "repos", "cli-baseline-base-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "README.md"), "a repo\n");
        await GitAsync(root, "init", "-q", "-b", "main");
        await GitAsync(root, "add", "-A");
        await GitAsync(root, "commit", "-q", "-m", "initial");
        return root;
    }

    private static async Task WriteBaselineAsync(string root, BaselineDocument baseline)
    {
        Directory.CreateDirectory(Path.Combine(root, ".platform"));
        await File.WriteAllTextAsync(Path.Combine(root, ".platform", "baseline.json"), baseline.ToJsonText());
    }

    private static async Task GitAsync(string root, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", ["-c", "user.email=tests@example.com", "-c", "user.name=tests", .. arguments], root);
        Assert.True(result.Succeeded, result.ToString());
    }
}
