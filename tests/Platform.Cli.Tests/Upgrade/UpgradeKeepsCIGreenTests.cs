using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>
/// A repo on the older kit with committed lock files (which name the old Platform.ServiceDefaults): after `platform
/// upgrade`, and after a bot's global.json-only bump plus the template's fix-up step, the CI-mode build passes.
/// </summary>
public sealed class UpgradeKeepsCIGreenTests
{
    private static Dictionary<string, string> ServiceOnOldKit() => new()
    {
        ["global.json"] = """
            {
              "sdk": { "version": "10.0.100", "rollForward": "latestMajor" },
              "msbuild-sdks": {
                "Platform.Sdk": "{old}",
                "Platform.Sdk.Web": "{old}",
                "Platform.Sdk.Test": "{old}"
              }
            }
            """,
        // A solution at the root, as the platform-repo template has: the fix-up step restores the folder.
        ["Service.slnx"] = "<Solution>\n  <Project Path=\"src/Api/Api.csproj\" />\n</Solution>\n",
        ["src/Api/Api.csproj"] = "<Project Sdk=\"Platform.Sdk.Web\">\n</Project>\n",
        ["src/Api/Program.cs"] = Audit.AuditFixture.GoldWebApp,
    };

    /// <summary>A finding the new version reports and the kit can fix: PLAT3001 with a TimeProvider in scope.</summary>
    private const string ClockWithFixableFinding = """
        namespace Api;

        /// <summary>Stamps orders.</summary>
        public sealed class OrderClock
        {
            private readonly TimeProvider _time;

            /// <summary>Creates the clock.</summary>
            public OrderClock(TimeProvider time) => _time = time;

            /// <summary>When an order is placed.</summary>
            public DateTimeOffset PlacedAt() => DateTimeOffset.UtcNow;
        }
        """;

    private static async Task<(CliFeed Feed, string Root, string Project, string LockFile)> RepoWithCommittedLockFilesAsync(string name, params (string Path, string Text)[] extra)
    {
        var feed = await CliFeed.GetAsync();
        var files = ServiceOnOldKit();
        foreach (var (path, text) in extra)
        {
            files[path] = text;
        }

        var root = await FixtureRepo.WriteAsync(name, feed, files);
        var project = Path.Combine(root, "src", "Api", "Api.csproj");
        await FixtureRepo.CommitAsync(root, "lock files", restoreFirst: project);
        var lockFile = Path.Combine(root, "src", "Api", "packages.lock.json");
        Assert.Contains(feed.OldVersion, File.ReadAllText(lockFile), StringComparison.Ordinal);
        return (feed, root, project, lockFile);
    }

    [Fact]
    public async Task Upgrade_refreshes_the_lock_files_and_applies_the_code_fixes_by_default_so_the_CI_build_passes()
    {
        var (feed, root, project, lockFile) = await RepoWithCommittedLockFilesAsync("upgrade-ci", ("src/Api/OrderClock.cs", ClockWithFixableFinding));

        var upgrade = await InProcessCli.RunAsync("upgrade", root, "--to", feed.KitVersion);

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("Updated 1 lock file(s)", upgrade.Output, StringComparison.Ordinal);
        Assert.Contains("changed 1 file(s): src/Api/OrderClock.cs", upgrade.Output, StringComparison.Ordinal);
        Assert.Contains("CI=true dotnet build", upgrade.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(feed.OldVersion, File.ReadAllText(lockFile), StringComparison.Ordinal);
        Assert.Contains("=> _time.GetUtcNow();", File.ReadAllText(Path.Combine(root, "src", "Api", "OrderClock.cs")), StringComparison.Ordinal);
        var ci = await FixtureRepo.BuildInCIAsync(root, project);
        Assert.True(ci.Succeeded, ci.ToString());
    }

    [Fact]
    public async Task A_bot_bump_of_global_json_passes_CI_after_the_shipped_fix_up_step()
    {
        var (feed, root, project, _) = await RepoWithCommittedLockFilesAsync("bot-bump");
        var globalJson = Path.Combine(root, "global.json");
        File.WriteAllText(globalJson, File.ReadAllText(globalJson).Replace(feed.OldVersion, feed.KitVersion, StringComparison.Ordinal));

        // What the bot's PR gets without the fix-up: the locked restore refuses the stale lock file.
        var red = await FixtureRepo.BuildInCIAsync(root, project);
        Assert.False(red.Succeeded, red.ToString());
        Assert.Contains("NU1004", red.Output, StringComparison.Ordinal);

        // The exact step the platform-repo template's workflow runs on a bot's PR.
        var workflow = File.ReadAllLines(Path.Combine(RepoPaths.Root, "templates", "Platform.Templates", "content", "platform-repo", ".github", "workflows", "platform-lock-files.yml"));
        var marker = Array.FindIndex(workflow, l => l.Contains("platform-fix-up-step", StringComparison.Ordinal));
        var command = workflow[marker + 1].Trim()["run:".Length..].Trim().Split(' ');
        Assert.Equal("dotnet", command[0]);
        var fixUp = await ProcessRunner.RunAsync(command[0], [.. command[1..], "-nodeReuse:false"], root, timeout: TimeSpan.FromMinutes(5));
        Assert.True(fixUp.Succeeded, fixUp.ToString());

        var green = await FixtureRepo.BuildInCIAsync(root, project);
        Assert.True(green.Succeeded, green.ToString());
    }
}
