namespace Platform.Sdk.Tests.SupplyChain;

/// <summary>
/// PlatformContainerBasePins (the pins the kit version approves, or the organisation's): the default base image is pulled
/// by the approved digest, behind a mirror too; a malformed pin is PLAT0255 before anything is pulled.
/// </summary>
public class BasePinTests
{
    private const string AspNet = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled";
    private static readonly string Digest = "sha256:" + new string('d', 64);

    [Fact]
    public async Task An_approved_pin_turns_the_default_base_into_the_digest_pinned_one_also_behind_a_mirror()
    {
        var pins = $"{AspNet}@{Digest}; mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled@sha256:{new string('e', 64)}";
        var direct = await Web().WithRepoFile("Directory.Build.props", Props($"<PlatformContainerBasePins>{pins}</PlatformContainerBasePins>")).WriteAsync();
        var mirrored = await Web().WithRepoFile("Directory.Build.props", Props($"<PlatformContainerBasePins>{pins}</PlatformContainerBasePins><PlatformContainerRegistryMirror>registry.example.com/mcr</PlatformContainerRegistryMirror>")).WriteAsync();
        var unpinned = await Web().WriteAsync();

        Assert.Equal($"{AspNet}@{Digest}", direct.Evaluate().Property("ContainerBaseImage"));
        Assert.Equal($"registry.example.com/mcr/dotnet/aspnet:10.0-noble-chiseled@{Digest}", mirrored.Evaluate().Property("ContainerBaseImage"));
        // The kit as shipped approves no digest (the platform team packs its pins: PlatformKitBasePins), so the tag stays.
        Assert.Equal(AspNet, unpinned.Evaluate().Property("ContainerBaseImage"));
        Assert.Equal(string.Empty, unpinned.Evaluate().Property("PlatformContainerBasePins"));
    }

    [Fact]
    public async Task A_malformed_pin_is_PLAT0255_with_the_format_to_use()
    {
        var repo = await Web().WriteAsync();

        var result = await repo.DotNetAsync(["build", repo.ProjectPath, "-nodeReuse:false", "-t:ComputeContainerConfig", $"-p:PlatformContainerBasePins={AspNet}@sha256:abc"]);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("error PLAT0255", result.Output, StringComparison.Ordinal);
        Assert.Contains("name:tag@sha256:<64 lowercase hex digits>", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    private static ConsumerProject Web() => ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web");

    private static string Props(string properties) => $"<Project><PropertyGroup>{properties}</PropertyGroup></Project>";
}
