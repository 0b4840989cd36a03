using System.Text.Json;

namespace Platform.Sdk.Tests.Container;

/// <summary>
/// Platform.Container.targets refuses what must not ship, with a PLAT error that says what to do and no stack trace.
/// Most run the Microsoft SDK's ComputeContainerConfig target (what PublishContainer runs first) to stay fast;
/// one goes through `dotnet publish -t:PublishContainer` itself.
/// </summary>
public class ContainerRefusalTests
{
    [Fact]
    public async Task PublishContainer_refuses_a_base_image_outside_the_allowlist_before_pulling_it()
    {
        var repo = await Web().WithProperty("ContainerBaseImage", "mcr.microsoft.com/dotnet/sdk:10.0").WriteAsync();

        var publish = await Run(repo, "publish", "-t:PublishContainer", "-p:RunAnalyzers=false", "-p:ContainerArchiveOutputPath=" + Path.Combine(repo.Root, "image.tar.gz"));

        AssertRefused(publish, "PLAT0022", "PlatformContainerBaseImages");
        Assert.False(File.Exists(Path.Combine(repo.Root, "image.tar.gz")));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("0:0")]
    [InlineData("00")]
    [InlineData("000")]
    [InlineData("+0")]
    public async Task A_root_user_is_refused(string user)
    {
        var repo = await Web().WithProperty("ContainerUser", user).WriteAsync();

        AssertRefused(await ComputeContainerConfig(repo), "PLAT0023", "non-root");
    }

    [Theory]
    [InlineData(";")]
    [InlineData("$(UndefinedImages);$(AlsoUndefined)")]
    public async Task An_allowlist_that_expands_to_nothing_fails_every_build_instead_of_allowing_any_image(string allowlist)
    {
        var repo = await Web().WithProperty("PlatformContainerBaseImages", allowlist).WriteAsync();

        AssertRefused(await repo.BuildAsync(), "PLAT0025", "lists no image");
    }

    [Fact]
    public async Task A_repository_name_with_a_trailing_line_break_is_refused()
    {
        var repo = await Web().WithXml("<PropertyGroup><ContainerRepository>orders&#10;</ContainerRepository></PropertyGroup>").WriteAsync();

        AssertRefused(await repo.BuildAsync(), "PLAT0020", "valid image repository");
    }

    [Fact]
    public async Task An_invalid_tag_is_refused()
    {
        var repo = await Web().WithProperty("ContainerImageTags", "1.0.0;-bad").WriteAsync();

        AssertRefused(await ComputeContainerConfig(repo), "PLAT0021", "-bad");
    }

    [Fact]
    public async Task An_invalid_repository_fails_every_build()
    {
        var repo = await Web().WithProperty("ContainerRepository", "Shop/Order API").WriteAsync();

        AssertRefused(await repo.BuildAsync(), "PLAT0020", "PlatformServiceNamespace");
    }

    [Fact]
    public async Task A_mirror_with_a_scheme_fails_every_build()
    {
        var repo = await Web().WithProperty("PlatformContainerRegistryMirror", "https://mirror.example.com").WriteAsync();

        AssertRefused(await repo.BuildAsync(), "PLAT0024", "host[:port][/path]");
    }

    [Fact]
    public async Task A_Container_deviation_in_force_lifts_the_allowlist_and_root_rules()
    {
        var expires = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var repo = await Web()
            .WithProperty("ContainerUser", "root")
            .WithProperty("ContainerBaseImage", "mcr.microsoft.com/dotnet/sdk:10.0")
            // A root pod also needs PlatformKubernetesRunAsNonRoot=false and its own deviation (PLAT0209, kubernetes.md); not this test's subject.
            .WithProperty("PlatformKubernetes", "false")
            .WithXml($"""
                <ItemGroup>
                  <PlatformDeviation Include="Nullable" Reason="Generated client until v2" Owner="team-orders" Expires="{expires}" />
                  <PlatformDeviation Include="Container" Reason="Vendor image until the migration" Owner="team-orders" Expires="{expires}" />
                </ItemGroup>
                """)
            .WriteAsync();

        var result = await ComputeContainerConfig(repo);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Tags_and_environment_are_computed_at_publish_time_from_the_version_and_the_commit()
    {
        var repo = await Web().WithProperty("Version", "2.3.0+build.7").WithProperty("PlatformServiceNamespace", "shop").WriteAsync();

        // The default (no latest) is asserted end to end in ContainerPublishTests; here the opt-in.
        var result = await ComputeContainerConfig(repo, "-p:PlatformContainerTagLatest=true", "-getProperty:ContainerImageTags", "-getItem:ContainerEnvironmentVariable");

        Assert.True(result.Succeeded, result.ToString());
        using var json = JsonDocument.Parse(result.Command.StandardOutput);
        Assert.Equal($"2.3.0;2.3.0-{repo.Commit[..7]};latest", json.RootElement.GetProperty("Properties").GetProperty("ContainerImageTags").GetString());
        var env = json.RootElement.GetProperty("Items").GetProperty("ContainerEnvironmentVariable").EnumerateArray()
            .ToDictionary(e => e.GetProperty("Identity").GetString()!, e => e.GetProperty("Value").GetString());
        Assert.Equal("order-api", env["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.namespace=shop,service.version=2.3.0+build.7,vcs.ref.head.revision={repo.Commit}", env["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    private static ConsumerProject Web() => ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web");

    /// <summary>The Microsoft SDK's first container target: our settings and refusals run before it, nothing is built or pulled.</summary>
    private static Task<BuildResult> ComputeContainerConfig(ConsumerRepo repo, params string[] arguments) =>
        Run(repo, ["build", "-t:ComputeContainerConfig", .. arguments]);

    private static async Task<BuildResult> Run(ConsumerRepo repo, params string[] arguments)
    {
        var result = await repo.DotNetAsync([arguments[0], repo.ProjectPath, "-nodeReuse:false", .. arguments[1..]]);
        return new BuildResult(result, string.Empty);
    }

    private static void AssertRefused(BuildResult build, string code, string guidance)
    {
        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains(code, build.ErrorCodes);
        Assert.Contains(guidance, build.Output);
        Assert.False(build.HasStackTrace, build.ToString());
    }
}
