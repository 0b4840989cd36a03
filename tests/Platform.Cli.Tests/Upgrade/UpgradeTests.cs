using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>upgrade moves exactly the pins: global.json msbuild-sdks and versioned Sdk attributes, nothing else.</summary>
public sealed class UpgradeTests
{
    private static Dictionary<string, string> OldRepo() => new()
    {
        ["global.json"] = """
            {
              // The kit, pinned once.
              "sdk": { "version": "10.0.100", "rollForward": "latestMajor" },
              "msbuild-sdks": {
                "Platform.Sdk":      "{old}",
                "Platform.Sdk.Web" : "{old}",
                "Platform.Sdk.Test": "{old}",
                "Microsoft.Build.NoTargets": "3.7.0"
              }
            }
            """,
        ["Upgrade.slnx"] = """
            <Solution>
              <Project Path="src/Lib/Lib.csproj" />
              <Project Path="src/Pinned/Pinned.csproj" />
            </Solution>
            """,
        ["src/Lib/Lib.csproj"] = "<Project Sdk=\"Platform.Sdk\">\n  <!-- version from global.json -->\n</Project>\n",
        ["src/Lib/Greeter.cs"] = SampleCode.Library,
        ["src/Lib/.platform/template.json"] = """{"schemaVersion":1,"templateId":"platform-lib","templateVersion":"{old}","options":{"name":"Lib"}}""",
        ["src/Pinned/Pinned.csproj"] = "<Project Sdk=\"Platform.Sdk/{old}\">\r\n  <PropertyGroup>\r\n    <Description>Platform.Sdk/{old} stays in text</Description>\r\n  </PropertyGroup>\r\n</Project>\r\n",
        ["src/Pinned/Greeter.cs"] = SampleCode.Library,
    };

    [Fact]
    public async Task Dry_run_shows_the_diff_and_changes_nothing()
    {
        var feed = await CliFeed.GetAsync();
        var root = await FixtureRepo.WriteAsync("upgrade-dry", feed, OldRepo());
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("upgrade", root, "--to", feed.KitVersion, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(before, FixtureRepo.HashTree(root));
        Assert.Contains("--- a/global.json", result.Output, StringComparison.Ordinal);
        Assert.Contains($"-    \"Platform.Sdk\":      \"{feed.OldVersion}\",", result.Output, StringComparison.Ordinal);
        Assert.Contains($"+    \"Platform.Sdk\":      \"{feed.KitVersion}\",", result.Output, StringComparison.Ordinal);
        Assert.Contains("--- a/src/Pinned/Pinned.csproj", result.Output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_to_the_newest_changes_exactly_the_pins_and_the_repo_builds()
    {
        var feed = await CliFeed.GetAsync();
        var root = await FixtureRepo.WriteAsync("upgrade", feed, OldRepo());
        var before = FixtureRepo.HashTree(root);
        var original = before.Keys.ToDictionary(k => k, k => File.ReadAllText(Path.Combine(root, k)));

        // No --to: the newest version in the repo's feed (NuGet.config, Platform.* mapped to the test feed).
        var result = await InProcessCli.RunAsync("upgrade", root);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Template drift: 1 template stamp(s) are older than {feed.KitVersion}. `platform sync --template-version {feed.KitVersion}`", result.Output, StringComparison.Ordinal);
        var after = FixtureRepo.HashTree(root);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var changed = after.Where(p => before[p.Key] != p.Value).Select(p => p.Key).Order().ToList();
        Assert.Equal(["global.json", "src/Pinned/Pinned.csproj"], changed);

        var globalJson = File.ReadAllText(Path.Combine(root, "global.json"));
        Assert.Equal(original["global.json"].Replace(feed.OldVersion, feed.KitVersion, StringComparison.Ordinal), globalJson);
        Assert.Contains("\"Microsoft.Build.NoTargets\": \"3.7.0\"", globalJson, StringComparison.Ordinal);
        var pinned = File.ReadAllText(Path.Combine(root, "src", "Pinned", "Pinned.csproj"));
        Assert.Equal(
            original["src/Pinned/Pinned.csproj"].Replace($"Sdk=\"Platform.Sdk/{feed.OldVersion}\"", $"Sdk=\"Platform.Sdk/{feed.KitVersion}\"", StringComparison.Ordinal),
            pinned);
        Assert.Contains($"Platform.Sdk/{feed.OldVersion} stays in text", pinned, StringComparison.Ordinal);

        var again = await InProcessCli.RunAsync("upgrade", root, "--to", feed.KitVersion);
        Assert.Contains("nothing to change", again.Output, StringComparison.Ordinal);

        var build = await FixtureRepo.BuildAsync(root, "Upgrade.slnx");
        Assert.True(build.Succeeded, build.ToString());
        var audit = await InProcessCli.RunAsync("audit", root, "--format", "json", "--min-level", "gold");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        using var json = audit.Json();
        Assert.All(json.RootElement.GetProperty("projects").EnumerateArray(), p => Assert.Equal(feed.KitVersion, p.GetProperty("sdkVersion").GetString()));
    }
}
