namespace Platform.Sdk.Tests.Kubernetes;

/// <summary>
/// Bad deployment settings on the packed kit: each is a PLAT error that says what to do, raised before the image is built,
/// never a stack trace, and nothing is written (no image, no manifests). One build shows every problem at once.
/// </summary>
public class KubernetesRefusalTests
{
    [Fact]
    public async Task Every_bad_setting_is_refused_with_its_fix_before_the_image_is_built()
    {
        var expires = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
            // The probe and the Service would use 8080 while the app listens on 5000.
            .WithXml("""<ItemGroup><ContainerEnvironmentVariable Include="ASPNETCORE_HTTP_PORTS" Value="5000" /></ItemGroup>""")
            .WithProperty("PlatformKubernetesReadinessProbePath", "/healthz")
            .WithProperty("PlatformKubernetesMemoryLimit", "-512Mi")
            .WithProperty("PlatformKubernetesReadOnlyRootFilesystem", "false")
            // Two runtime identifiers make an image index: no single digest to pin.
            .WithProperty("ContainerRuntimeIdentifiers", "linux-x64;linux-arm64")
            .WithXml($"""
                <ItemGroup>
                  <PlatformDeviation Include="KubernetesReadOnlyRootFs" Reason="Legacy cache on disk" Owner="team-orders" Expires="{expires}" />
                </ItemGroup>
                """)
            .WriteAsync();

        var result = await repo.DotNetAsync(["build", repo.ProjectPath, "-t:ComputeContainerConfig", "-nodeReuse:false"]);
        var build = new BuildResult(result, string.Empty);

        Assert.False(build.Succeeded, build.ToString());
        Assert.False(build.HasStackTrace, build.ToString());
        AssertError(build, "PLAT0201", "ASPNETCORE_HTTP_PORTS=5000");
        AssertError(build, "PLAT0202", "<PlatformKubernetesHealthEndpoint Include=\"/healthz\" />");
        AssertError(build, "PLAT0203", "positive Kubernetes quantity");
        AssertError(build, "PLAT0207", "<PlatformDeviation Include=\"KubernetesReadOnlyRootFilesystem\"");
        // The misspelt deviation: governance lists the valid names, and no manifest relies on it.
        AssertError(build, "PLAT0104", "KubernetesReadOnlyRootFilesystem");
        AssertError(build, "PLAT0210", "KubernetesReadOnlyRootFs");
        AssertError(build, "PLAT0214", "image index");
    }

    [Fact]
    public async Task A_port_that_is_not_a_port_fails_the_publish_and_writes_neither_image_nor_manifests()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web").WithProperty("PlatformContainerPort", "80800").WriteAsync();
        var archive = Path.Combine(repo.Root, "image.tar.gz");

        var result = await repo.DotNetAsync(["publish", repo.ProjectPath, "-t:PublishContainer", "-nodeReuse:false", "-p:RunAnalyzers=false", "-p:ContainerArchiveOutputPath=" + archive]);
        var build = new BuildResult(result, string.Empty);

        Assert.False(build.Succeeded, build.ToString());
        Assert.False(build.HasStackTrace, build.ToString());
        AssertError(build, "PLAT0200", "from 1 to 65535");
        Assert.False(File.Exists(archive), "no image may be written");
        Assert.Empty(Directory.GetDirectories(repo.Root, "deploy*", SearchOption.AllDirectories));
    }

    private static void AssertError(BuildResult build, string code, string fix)
    {
        Assert.Contains(code, build.ErrorCodes);
        var line = build.Output.Split('\n').FirstOrDefault(l => l.Contains($"error {code}:", StringComparison.Ordinal));
        Assert.True(line is not null && line.Contains(fix, StringComparison.Ordinal), $"{code} should say '{fix}':\n{build}");
    }
}
