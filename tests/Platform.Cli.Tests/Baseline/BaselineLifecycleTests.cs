using System.Text.Json;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Baseline;

/// <summary>
/// The baseline end to end on the packed kit: a repo with existing findings records them, then builds green in CI
/// mode; an edit elsewhere in a file keeps its findings matched; a new finding fails CI; a fixed one shrinks the
/// baseline on `--update`. One repo, in order, because each step starts from the previous one (as in real life).
/// </summary>
public sealed class BaselineLifecycleTests
{
    private const string Legacy = """
        namespace Legacy;

        /// <summary>Old code, written before the golden path.</summary>
        public sealed class LegacyClient
        {
            /// <summary>Creates a client the old way.</summary>
            public HttpClient Create() => new HttpClient();

            /// <summary>Another one.</summary>
            public HttpClient CreateAgain() => new HttpClient();

            /// <summary>Reads the clock directly.</summary>
            public DateTime Stamp() => DateTime.Now;
        }
        """;

    [Fact]
    public async Task Recorded_findings_pass_CI_stay_matched_after_edits_new_ones_fail_and_fixed_ones_shrink_the_baseline()
    {
        var feed = await CliFeed.GetAsync();
        var root = await FixtureRepo.WriteAsync("baseline", feed, new Dictionary<string, string>
        {
            ["src/Legacy/Legacy.csproj"] = "<Project Sdk=\"Platform.Sdk\">\n</Project>\n",
            ["src/Legacy/LegacyClient.cs"] = Legacy,
        });
        var project = Path.Combine(root, "src", "Legacy", "Legacy.csproj");
        var source = Path.Combine(root, "src", "Legacy", "LegacyClient.cs");

        // Without a baseline, CI fails on the findings.
        await FixtureRepo.CommitAsync(root, "lock files", restoreFirst: project);
        var before = await FixtureRepo.BuildInCIAsync(root, project);
        Assert.False(before.Succeeded, before.ToString());
        Assert.Contains("PLAT2001", before.Output, StringComparison.Ordinal);

        var record = await InProcessCli.RunAsync("baseline", root, "--record", "--owner", "team-legacy", "--target-date", "2099-01-01");
        Assert.True(record.ExitCode == 0, record.ToString());
        var baseline = Read(root);
        var entries = baseline.GetProperty("projects")[0].GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal("src/Legacy/Legacy.csproj", baseline.GetProperty("projects")[0].GetProperty("path").GetString());
        Assert.Equal(2, entries.Count(e => e.GetProperty("rule").GetString() == "PLAT2001" && e.GetProperty("file").GetString() == "src/Legacy/LegacyClient.cs"));
        Assert.Contains(entries, e => e.GetProperty("rule").GetString() == "PLAT3001");
        var recorded = baseline.GetProperty("projects")[0].GetProperty("count").GetInt32();

        // Baselined: CI passes; SARIF and the record show the suppressions, and the level is silver.
        await FixtureRepo.CommitAsync(root, "baseline");
        var green = await FixtureRepo.BuildInCIAsync(root, project);
        Assert.True(green.Succeeded, green.ToString());
        var record1 = ComplianceRecordOf(root);
        Assert.Equal("silver", record1.GetProperty("level").GetString());
        Assert.Equal(recorded, record1.GetProperty("baseline").GetProperty("entries").GetInt32());
        Assert.Equal(recorded, record1.GetProperty("baseline").GetProperty("suppressedResults").GetInt32());

        // The IDE's design-time build (what csharp-ls, Dev Kit and Visual Studio load) applies the baseline too, so the
        // editor shows what CI shows: the suppressor and this project's entries are on the compiler's command line.
        // (Touched, so the compile is not up to date and the command line is computed.)
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow);
        var designTime = await ProcessRunner.RunAsync("dotnet", [
            "msbuild", project, "-nologo", "-nodeReuse:false", "-t:Compile", "-getItem:CscCommandLineArgs",
            "-p:DesignTimeBuild=true", "-p:BuildingProject=false", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true"],
            root, timeout: TimeSpan.FromMinutes(5));
        Assert.True(designTime.Succeeded, designTime.ToString());
        Assert.Contains("Platform.Analyzers.Baselines.dll", designTime.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("platform-baseline.tsv", designTime.StandardOutput, StringComparison.Ordinal);

        // An edit elsewhere in the file (lines above move every finding) keeps them matched.
        File.WriteAllText(source, "// Moved down by a licence header.\n// Second line.\n" + File.ReadAllText(source).Replace("Old code,", "Old code (kept),", StringComparison.Ordinal));
        var edited = await FixtureRepo.BuildInCIAsync(root, project);
        Assert.True(edited.Succeeded, edited.ToString());

        // A new finding (a third copy of a baselined line, and a new rule) fails CI.
        File.WriteAllText(source, File.ReadAllText(source).Replace(
            "/// <summary>Another one.</summary>",
            "/// <summary>A new one.</summary>\n    public HttpClient CreateThird() => new HttpClient();\n\n    /// <summary>Another one.</summary>",
            StringComparison.Ordinal));
        var red = await FixtureRepo.BuildInCIAsync(root, project);
        Assert.False(red.Succeeded, red.ToString());
        Assert.Contains("PLAT2001", red.Output, StringComparison.Ordinal);

        // Fixing a baselined finding (and dropping the new one) shrinks the baseline on --update.
        File.WriteAllText(source, File.ReadAllText(source)
            .Replace("    /// <summary>A new one.</summary>\n    public HttpClient CreateThird() => new HttpClient();\n\n", string.Empty, StringComparison.Ordinal)
            .Replace("public DateTime Stamp() => DateTime.Now;", "public DateTime Stamp(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;", StringComparison.Ordinal));
        var update = await InProcessCli.RunAsync("baseline", root, "--update");
        Assert.True(update.ExitCode == 0, update.ToString());
        var shrunk = Read(root).GetProperty("projects")[0];
        Assert.Equal(recorded - 1, shrunk.GetProperty("count").GetInt32());
        Assert.DoesNotContain(shrunk.GetProperty("findings").EnumerateArray(), e => e.GetProperty("rule").GetString() == "PLAT3001");
        Assert.Equal(recorded - 1, shrunk.GetProperty("burnDown").EnumerateArray().Last().GetProperty("count").GetInt32());
    }

    private static JsonElement Read(string root) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".platform", "baseline.json"))).RootElement.Clone();

    private static JsonElement ComplianceRecordOf(string root)
    {
        var file = Directory.EnumerateFiles(Path.Combine(root, "src", "Legacy", "obj", "platform"), "compliance.json", SearchOption.AllDirectories).Single();
        return JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone();
    }
}
