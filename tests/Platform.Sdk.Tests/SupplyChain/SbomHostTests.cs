namespace Platform.Sdk.Tests.SupplyChain;

/// <summary>
/// Where the SBOM generator runs (Platform.Sbom.targets): inside the build under `dotnet` (MSBuild on .NET), as a process
/// under .NET Framework MSBuild (simulated through the private runtime-type property, as TaskHostTests do) or when a
/// project opts out. The publish itself, both ways, is SupplyChainPublishTests.
/// </summary>
public class SbomHostTests
{
    [Theory]
    [InlineData(null, null, "true")]
    [InlineData("Full", null, "")]
    [InlineData(null, "false", "")]
    public async Task The_generator_runs_in_the_build_only_on_MSBuild_for_NET_and_unless_opted_out(string? runtimeType, string? inProcess, string expected)
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web").WriteAsync();
        var globals = new Dictionary<string, string>();
        if (runtimeType is not null)
        {
            globals["_PlatformMSBuildRuntimeType"] = runtimeType;
            globals["_PlatformMSBuildVersion"] = "18.0.5";
        }

        if (inProcess is not null)
        {
            globals["PlatformSbomInProcess"] = inProcess;
        }

        Assert.Equal(expected, repo.Evaluate(globalProperties: globals).Property("_PlatformSbomInProcess"));
    }
}
