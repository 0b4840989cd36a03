using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>upgrade on bad and unusual input: a clear exit code and message, the exact files it changed, nothing half-written.</summary>
public sealed class UpgradeSafetyTests
{
    private const string GlobalJson = "{\n  \"msbuild-sdks\": {\n    \"Platform.Sdk\": \"1.0.0\",\n    \"Platform.Sdk.Web\": \"1.0.0\"\n  }\n}\n";

    [Theory]
    [InlineData("1.0.1\r\n")]
    [InlineData("1.0.1\r")]
    [InlineData(" 1.0.1 ")]
    [InlineData("latest")]
    [InlineData("1.0.0\"")]
    public async Task A_version_with_a_line_break_space_quote_or_word_is_refused_and_nothing_is_written(string to)
    {
        var root = Repo(("global.json", GlobalJson));
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("upgrade", root, "--to", to, "--no-fixes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a version", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, FixtureRepo.HashTree(root));
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Fact]
    public async Task A_read_only_project_stops_the_upgrade_with_the_io_exit_code_and_nothing_moves()
    {
        var root = Repo(("global.json", GlobalJson), ("src/Api/Api.csproj", "<Project Sdk=\"Platform.Sdk.Web/1.0.0\" />\n"));
        File.SetAttributes(Path.Combine(root, "src", "Api", "Api.csproj"), FileAttributes.ReadOnly);
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("upgrade", root, "--to", "1.0.1", "--no-fixes");

        Assert.Equal(9, result.ExitCode);
        Assert.Contains("src/Api/Api.csproj is read-only", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, FixtureRepo.HashTree(root));
        Assert.Empty(AtomicFileSetTests.TempFiles(root));
    }

    [Fact]
    public async Task Upgrade_says_which_files_it_changed()
    {
        var root = Repo(("global.json", GlobalJson), ("src/Api/Api.csproj", "<Project Sdk=\"Platform.Sdk.Web/1.0.0\" />\n"), ("src/Lib/Lib.csproj", "<Project Sdk=\"Platform.Sdk\" />\n"));

        var result = await InProcessCli.RunAsync("upgrade", root, "--to", "1.0.1", "--no-fixes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Moved 2 file(s) to Platform SDK 1.0.1: global.json, src/Api/Api.csproj.", result.Output, StringComparison.Ordinal);
        Assert.Empty(AtomicFileSetTests.TempFiles(root));
    }

    [Fact]
    public async Task A_symlinked_global_json_stays_a_link_and_its_target_is_upgraded()
    {
        var root = Repo(("build/global.json", GlobalJson));
        var link = Path.Combine(root, "global.json");
        File.CreateSymbolicLink(link, Path.Combine("build", "global.json"));

        var result = await InProcessCli.RunAsync("upgrade", root, "--to", "1.0.1", "--no-fixes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("global.json -> build/global.json", result.Output, StringComparison.Ordinal);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(GlobalJson.Replace("1.0.0", "1.0.1", StringComparison.Ordinal), File.ReadAllText(Path.Combine(root, "build", "global.json")));
    }

    [Fact]
    public async Task A_dangling_link_gets_the_io_exit_code_with_the_path_from_upgrade_and_a_failed_check_from_doctor()
    {
        var root = Repo(("src/Lib/global.json", GlobalJson), ("NuGet.config", "<configuration><packageSources><clear /></packageSources></configuration>"));
        File.CreateSymbolicLink(Path.Combine(root, "global.json"), Path.Combine(root, "missing", "global.json"));

        var upgrade = await InProcessCli.RunAsync("upgrade", root, "--to", "1.0.1", "--no-fixes");
        var doctor = await InProcessCli.RunAsync("doctor", root);

        Assert.Equal(9, upgrade.ExitCode);
        Assert.Contains("global.json is a symbolic link to", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("Fix the link or remove it", upgrade.Error, StringComparison.Ordinal);
        Assert.Equal(1, doctor.ExitCode);
        Assert.Contains("[fail] global.json: global.json is a symbolic link to", doctor.Output, StringComparison.Ordinal);
        Assert.False(upgrade.HasStackTrace || doctor.HasStackTrace, upgrade + "\n" + doctor);
    }

    [Theory]
    [InlineData("{\n  \"msbuild-sdks\": {\n    \"Platform.Sdk\": \"1.0.0\",\n  },\n}\n", "[fail] global.json: global.json is not JSON the .NET CLI accepts (line 4")]
    [InlineData("{ \"msbuild-sdks\": { \"Platform.Sdk\": \"latest\" } }\n", "[fail] pin: global.json pins Platform.Sdk at 'latest', which is not a version")]
    public async Task Doctor_fails_a_global_json_the_dotnet_CLI_refuses_or_a_pin_that_is_not_a_version(string globalJson, string check)
    {
        var root = Repo(("global.json", globalJson), ("NuGet.config", "<configuration><packageSources><clear /></packageSources></configuration>"));

        var result = await InProcessCli.RunAsync("doctor", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(check, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("the setup is fine", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_global_json_that_is_not_JSON_stops_the_upgrade_with_its_name()
    {
        var root = Repo(("global.json", "{ \"msbuild-sdks\": { \"Platform.Sdk\": \"1.0.0\" }"), ("src/Api/Api.csproj", "<Project Sdk=\"Platform.Sdk.Web/1.0.0\" />\n"));
        var before = FixtureRepo.HashTree(root);

        var result = await InProcessCli.RunAsync("upgrade", root, "--to", "1.0.1", "--no-fixes");

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("global.json: it is not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, FixtureRepo.HashTree(root));
    }

    private static string Repo(params (string Path, string Text)[] files)
    {
        var root = AtomicFileSetTests.NewRepo();
        foreach (var (path, text) in files)
        {
            AtomicFileSetTests.Write(root, path, text);
        }

        return root;
    }
}
