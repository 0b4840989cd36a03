using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Doctor;

public sealed class DoctorTests
{
    [Fact]
    public async Task Missing_pin_fails_with_actionable_fixes()
    {
        var feed = await CliFeed.GetAsync();
        var root = await FixtureRepo.WriteAsync("doctor", feed, new Dictionary<string, string>
        {
            ["global.json"] = """{ "sdk": { "version": "10.0.100", "rollForward": "latestMajor" } }""",
            ["src/Api/Api.csproj"] = "<Project Sdk=\"Platform.Sdk.Web\">\n</Project>\n",
        });

        var result = await InProcessCli.RunAsync("doctor", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[fail] pin: global.json has no Platform.Sdk* entry under \"msbuild-sdks\".", result.Output, StringComparison.Ordinal);
        Assert.Contains("fix: Add \"msbuild-sdks\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("[ok] feed:", result.Output, StringComparison.Ordinal);
        Assert.Contains("[fail] resolve: src/Api/Api.csproj does not evaluate", result.Output, StringComparison.Ordinal);
        Assert.Contains("fix: MSB4236", result.Output, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
    }
}
