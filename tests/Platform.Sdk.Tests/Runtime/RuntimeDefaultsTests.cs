namespace Platform.Sdk.Tests.Runtime;

/// <summary>Platform.Runtime.props/.targets: runtime settings for services, and what a worker needs.</summary>
public class RuntimeDefaultsTests
{
    [Theory]
    [InlineData("ServerGarbageCollection", "true")]
    [InlineData("InvariantGlobalization", "true")]
    [InlineData("SatelliteResourceLanguages", "en")]
    public async Task Web_service_gets_the_service_runtime_defaults(string property, string expected)
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WriteAsync();

        Assert.Equal(expected, repo.Evaluate().Property(property));
    }

    [Fact]
    public async Task Libraries_do_not_get_service_runtime_defaults()
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var project = repo.Evaluate();

        Assert.NotEqual("true", project.Property("InvariantGlobalization"));
        Assert.NotEqual("true", project.Property("ServerGarbageCollection"));
    }

    [Fact]
    public async Task Service_runtime_defaults_can_be_opted_out()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithProperty("PlatformServiceRuntimeDefaults", "false").WriteAsync();

        Assert.NotEqual("true", repo.Evaluate().Property("InvariantGlobalization"));
    }

    [Fact]
    public async Task A_single_setting_can_be_overridden()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithProperty("InvariantGlobalization", "false").WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("false", project.Property("InvariantGlobalization"));
        Assert.Equal("true", project.Property("ServerGarbageCollection"));
    }

    [Fact]
    public async Task Worker_gets_what_the_Worker_SDK_gives()
    {
        var repo = await ConsumerProject.Create().WithProperty("PlatformProjectKind", "worker")
            .WithFile("appsettings.json", "{}")
            .WithFile("Worker.cs", "namespace Probe; public sealed class Worker { }")
            .WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("Exe", project.Property("OutputType"));
        Assert.Equal("true", project.Property("ServerGarbageCollection"));
        Assert.Contains(project.ItemsOf("Using"), u => u.Include == "Microsoft.Extensions.Hosting");
        var appsettings = Assert.Single(project.ItemsOf("Content"), c => c.Include == "appsettings.json");
        Assert.Equal("PreserveNewest", appsettings.Get("CopyToPublishDirectory"));
    }
}
