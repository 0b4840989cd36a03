namespace Platform.Sdk.Tests.Usage;

/// <summary>Every way a project can opt in: global.json pin, version in the attribute, additive &lt;Sdk&gt; element.</summary>
public class SdkUsageTests
{
    [Fact]
    public async Task Sdk_attribute_with_the_version_pinned_in_global_json_builds()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WriteAsync();

        var build = await repo.BuildAsync(ci: true);

        Assert.True(build.Succeeded, build.ToString());
        Assert.Empty(build.WarningCodes);
        var properties = await repo.GetPropertiesAsync(false, "UsingPlatformSdk", "PlatformSdkVersion", "PlatformProjectKind");
        Assert.Equal("true", properties["UsingPlatformSdk"]);
        Assert.Equal(repo.KitVersion, properties["PlatformSdkVersion"]);
        Assert.Equal("web", properties["PlatformProjectKind"]);
    }

    [Fact]
    public async Task Sdk_attribute_with_an_explicit_version_builds_without_a_pin()
    {
        var repo = await ConsumerProject.Create()
            .WithoutGlobalJsonPin()
            .WithProjectXml("<Project Sdk=\"Platform.Sdk.Web/{version}\"></Project>")
            .WithFile("Program.cs", SampleCode.MinimalWebApp)
            .WriteAsync();

        var build = await repo.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(repo.KitVersion, repo.Evaluate().Property("PlatformSdkVersion"));
    }

    [Fact]
    public async Task Additive_use_imports_the_Microsoft_SDK_once()
    {
        var repo = await ConsumerProject.Create()
            .WithProjectXml("""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <Sdk Name="Platform.Sdk.Web" />
                </Project>
                """)
            .WithFile("Program.cs", SampleCode.MinimalWebApp)
            .WriteAsync();

        var project = repo.Evaluate();
        var build = await repo.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("MSB4011", build.WarningCodes);
        Assert.Equal("true", project.Property("UsingPlatformSdk"));
        Assert.Equal("web", project.Property("PlatformProjectKind"));
        Assert.Equal("enable", project.Property("Nullable"));
        Assert.Single(project.Imports, i => i.EndsWith("Microsoft.NET.Sdk.Web/Sdk/Sdk.props", StringComparison.Ordinal));
        Assert.Single(project.Imports, i => i.EndsWith("Microsoft.NET.Sdk/Sdk/Sdk.targets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrapped_use_imports_the_Microsoft_SDK_once()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WriteAsync();

        var project = repo.Evaluate();

        Assert.Single(project.Imports, i => i.EndsWith("Microsoft.NET.Sdk.Web/Sdk/Sdk.props", StringComparison.Ordinal));
        Assert.Single(project.Imports, i => i.EndsWith("Microsoft.NET.Sdk/Sdk/Sdk.targets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_any_version_pin_MSBuild_says_it_cannot_resolve_the_SDK()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk").WithoutGlobalJsonPin().WriteAsync();

        var build = await repo.BuildAsync();

        Assert.False(build.Succeeded);
        Assert.Contains("MSB4236", build.Output);
    }

    [Fact]
    public async Task Organisation_hooks_run_before_and_after_the_SDK()
    {
        var repo = await ConsumerProject.Create()
            .WithRepoFile("org.props", "<Project><PropertyGroup><OrgHookSawSdk>$(UsingPlatformSdk)</OrgHookSawSdk></PropertyGroup></Project>")
            .WriteAsync();

        var project = repo.Evaluate(globalProperties: new Dictionary<string, string>
        {
            ["CustomAfterPlatformSdkProps"] = Path.Combine(repo.Root, "org.props"),
        });

        Assert.Equal("true", project.Property("OrgHookSawSdk"));
    }
}
