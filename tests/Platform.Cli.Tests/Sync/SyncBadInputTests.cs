using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Sync;

/// <summary>Bad input to `platform sync`: a PLAT code, a distinct exit code, no stack trace, and the repo exactly as it was.</summary>
[Collection(SyncCollection.Name)]
public sealed class SyncBadInputTests(SyncFixture fixture)
{
    [Fact]
    public async Task A_repo_without_a_stamp_exits_20_with_PLAT0470()
    {
        var root = fixture.CopyScaffold("nostamp");
        foreach (var stamp in Directory.EnumerateFiles(root, "template.json", SearchOption.AllDirectories).Where(f => f.Contains("/.platform/", StringComparison.Ordinal)))
        {
            File.Delete(stamp);
        }

        await SyncFixture.Commit(root, "no stamps");

        await AssertRefused(root, 20, "PLAT0470", "platform adopt");
    }

    [Fact]
    public async Task A_corrupt_stamp_exits_10_with_PLAT0471_and_changes_nothing()
    {
        var root = fixture.CopyScaffold("corrupt");
        File.WriteAllText(Path.Combine(root, "src/Orders/.platform/template.json"), "{ \"templateId\": \"platform-api\", \"templateVersion\": \"1.0.0\"\n");
        await SyncFixture.Commit(root, "broken stamp");

        await AssertRefused(root, 10, "PLAT0471", "src/Orders/.platform/template.json");
    }

    [Fact]
    public async Task A_target_version_not_in_the_feed_exits_19_with_PLAT0472_and_changes_nothing()
    {
        var root = fixture.CopyScaffold("missing-target");

        await AssertRefused(root, 19, "PLAT0472", "9.9.9", "--template-version", "9.9.9");
    }

    [Fact]
    public async Task A_stamped_version_no_longer_in_the_feed_exits_19_with_PLAT0472_and_changes_nothing()
    {
        var root = fixture.CopyScaffold("missing-base");
        var stamp = Path.Combine(root, ".platform/template.json");
        File.WriteAllText(stamp, File.ReadAllText(stamp).Replace(fixture.Feed.VersionA, "0.9.0", StringComparison.Ordinal));
        await SyncFixture.Commit(root, "stamp from a version the feed lost");

        await AssertRefused(root, 19, "PLAT0472", "0.9.0");
    }

    [Fact]
    public async Task A_template_that_fails_to_render_exits_19_with_PLAT0480_before_any_file_is_touched()
    {
        var root = fixture.CopyScaffold("render");
        var stamp = Path.Combine(root, "src/Orders/.platform/template.json");
        File.WriteAllText(stamp, File.ReadAllText(stamp).Replace("\"platform-api\"", "\"platform-gone\"", StringComparison.Ordinal));
        await SyncFixture.Commit(root, "stamp of a template the package does not have");

        await AssertRefused(root, 19, "PLAT0480", "platform-gone");
    }

    [Fact]
    public async Task A_project_moved_away_from_where_its_template_wrote_it_exits_20_with_PLAT0477()
    {
        var root = fixture.CopyScaffold("moved");
        await SyncFixture.Git(root, "mv", "src/Orders", "services");
        await SyncFixture.Commit(root, "moved the service");

        await AssertRefused(root, 20, "PLAT0477", "services/.platform/template.json");
    }

    [Fact]
    public async Task A_feed_that_cannot_be_read_exits_7_with_PLAT0476_and_changes_nothing()
    {
        var root = fixture.CopyScaffold("nofeed");
        var missing = Path.Combine(RepoPaths.TempRoot, "no-such-feed-" + Guid.NewGuid().ToString("N")[..8]);

        await AssertRefused(root, 7, "PLAT0476", missing, "--feed", missing);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_git_work_tree_exits_20_with_PLAT0473()
    {
        var root = fixture.CopyScaffold("nogit");
        Directory.Delete(Path.Combine(root, ".git"), recursive: true);
        var before = Snapshot(root);

        var result = await InProcessCli.RunAsync("sync", root);

        Assert.Equal(20, result.ExitCode);
        Assert.Contains("PLAT0473", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task Uncommitted_changes_exit_20_with_PLAT0474_unless_forced()
    {
        var root = fixture.CopyScaffold("dirty");
        File.AppendAllText(Path.Combine(root, "README.md"), "\nwork in progress\n");

        var refused = await InProcessCli.RunAsync("sync", root);
        var forced = await InProcessCli.RunAsync("sync", root, "--force");

        Assert.Equal(20, refused.ExitCode);
        Assert.Contains("PLAT0474", refused.Error, StringComparison.Ordinal);
        Assert.Contains("README.md", refused.Error, StringComparison.Ordinal);
        Assert.Equal(18, forced.ExitCode);
        Assert.EndsWith("\nwork in progress\n", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_version_that_is_not_a_version_is_a_usage_error()
    {
        var result = await InProcessCli.RunAsync("sync", fixture.Scaffold, "--template-version", "latest");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--template-version 'latest' is not a version", result.Error, StringComparison.Ordinal);
    }

    private static async Task AssertRefused(string root, int exitCode, string code, string mention, params string[] options)
    {
        var head = await SyncFixture.Git(root, "rev-parse", "HEAD");
        var before = Snapshot(root);

        var result = await InProcessCli.RunAsync(["sync", root, .. options]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(code, result.Error, StringComparison.Ordinal);
        Assert.Contains(mention, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
        Assert.Equal(string.Empty, await SyncFixture.Git(root, "status", "--porcelain"));
        Assert.Equal(head, await SyncFixture.Git(root, "rev-parse", "HEAD"));
        Assert.Equal(before, Snapshot(root));
    }

    /// <summary>Every file's path and bytes outside .git: equal snapshots mean nothing was written, added or removed.</summary>
    private static string Snapshot(string root) =>
        string.Join("\n", Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => !Path.GetRelativePath(root, f).StartsWith(".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(root, f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
}
