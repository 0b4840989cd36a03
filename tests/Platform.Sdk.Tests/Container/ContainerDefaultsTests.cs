namespace Platform.Sdk.Tests.Container;

/// <summary>Platform.Container.props/.targets at evaluation: what `dotnet publish -t:PublishContainer` will be given.</summary>
public class ContainerDefaultsTests
{
    private const string AspNet10 = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled";
    private const string Runtime10 = "mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled";

    [Fact]
    public async Task Web_service_gets_the_golden_container_settings()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web").WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("true", project.Property("EnableSdkContainerSupport"));
        Assert.Equal("order-api", project.Property("ContainerRepository"));
        Assert.Equal(AspNet10, project.Property("ContainerBaseImage"));
        Assert.Equal($"{AspNet10};{Runtime10}", project.Property("PlatformContainerBaseImages"));
        Assert.Equal("1654", project.Property("ContainerUser"));
        Assert.Equal("order-api", project.Property("ContainerTitle"));
        var port = Assert.Single(project.ItemsOf("ContainerPort"));
        Assert.Equal(("8080", "tcp"), (port.Include, port.Get("Type")));
        Assert.Equal("order-api", Env(project, "OTEL_SERVICE_NAME"));
        Assert.Equal("8080", Env(project, "ASPNETCORE_HTTP_PORTS"));
        Assert.Equal(repo.KitVersion, Label(project, "dev.platform.sdk.version"));
        // Tags wait for the build: the version and the commit are only final then.
        Assert.Equal(string.Empty, project.Property("ContainerImageTags"));
    }

    [Fact]
    public async Task Worker_with_telemetry_gets_the_aspnet_image_because_ServiceDefaults_needs_ASP_NET_Core()
    {
        var repo = await Worker().WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("true", project.Property("EnableSdkContainerSupport"));
        Assert.Equal("inventory-worker", project.Property("ContainerRepository"));
        Assert.Equal(AspNet10, project.Property("ContainerBaseImage"));
        Assert.Empty(project.ItemsOf("ContainerPort"));
        Assert.Equal("inventory-worker", Env(project, "OTEL_SERVICE_NAME"));
    }

    [Fact]
    public async Task Worker_without_ASP_NET_Core_gets_the_runtime_image()
    {
        var repo = await Worker().WithProperty("PlatformTelemetry", "false").WriteAsync();

        Assert.Equal(Runtime10, repo.Evaluate().Property("ContainerBaseImage"));
    }

    [Fact]
    public async Task The_allowlist_follows_the_target_framework()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web").WithProperty("TargetFramework", "net9.0").WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled", project.Property("ContainerBaseImage"));
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled;mcr.microsoft.com/dotnet/runtime:9.0-noble-chiseled", project.Property("PlatformContainerBaseImages"));
    }

    [Fact]
    public async Task A_pinned_allowlist_entry_becomes_the_default_base_image()
    {
        const string pinned = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
            .WithRepoFile("Directory.Build.props", $"<Project><PropertyGroup><PlatformContainerBaseImages>mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled;{pinned};{Runtime10}</PlatformContainerBaseImages></PropertyGroup></Project>")
            .WriteAsync();

        Assert.Equal(pinned, repo.Evaluate().Property("ContainerBaseImage"));
    }

    [Fact]
    public async Task Repository_is_namespace_slash_service_name()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
            .WithRepoFile("Directory.Build.props", "<Project><PropertyGroup><PlatformServiceNamespace>shop</PlatformServiceNamespace></PropertyGroup></Project>")
            .WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("shop/order-api", project.Property("ContainerRepository"));
    }

    [Fact]
    public async Task The_mirror_rewrites_the_base_image_registry()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web").WriteAsync();

        var project = repo.Evaluate(globalProperties: new Dictionary<string, string> { ["PlatformContainerRegistryMirror"] = "registry.example.com:5000/mcr/" });

        Assert.Equal("registry.example.com:5000/mcr/dotnet/aspnet:10.0-noble-chiseled", project.Property("ContainerBaseImage"));
    }

    [Fact]
    public async Task The_mirror_also_rewrites_a_base_image_the_project_names()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
            .WithProperty("ContainerBaseImage", "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra")
            .WithProperty("PlatformContainerRegistryMirror", "mirror.example.com")
            .WriteAsync();

        Assert.Equal("mirror.example.com/dotnet/aspnet:10.0-noble-chiseled-extra", repo.Evaluate().Property("ContainerBaseImage"));
    }

    [Fact]
    public async Task Vendor_comes_from_Company_and_the_project_wins_over_every_default()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
            .WithProperty("Company", "Contoso")
            .WithProperty("ContainerRepository", "team/orders")
            .WithProperty("ContainerUser", "app")
            .WithXml("""
                <ItemGroup>
                  <ContainerPort Include="5000" Type="tcp" />
                  <ContainerEnvironmentVariable Include="OTEL_SERVICE_NAME" Value="orders" />
                </ItemGroup>
                """)
            .WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("Contoso", project.Property("ContainerVendor"));
        Assert.Equal("team/orders", project.Property("ContainerRepository"));
        Assert.Equal("app", project.Property("ContainerUser"));
        Assert.Equal("5000", Assert.Single(project.ItemsOf("ContainerPort")).Include);
        Assert.Equal("orders", Assert.Single(project.ItemsOf("ContainerEnvironmentVariable"), e => e.Include == "OTEL_SERVICE_NAME").Get("Value"));
    }

    [Fact]
    public async Task Opting_out_leaves_the_Microsoft_SDK_defaults()
    {
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web").WithProperty("PlatformContainer", "false").WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal(string.Empty, project.Property("ContainerRepository"));
        Assert.Equal(string.Empty, project.Property("ContainerBaseImage"));
        Assert.Equal(string.Empty, project.Property("ContainerUser"));
        Assert.Empty(project.ItemsOf("ContainerLabel"));
        Assert.Empty(project.ItemsOf("ContainerEnvironmentVariable"));
    }

    [Theory]
    [InlineData("library")]
    [InlineData("console")]
    public async Task Projects_that_are_not_services_get_no_container_settings(string kind)
    {
        var repo = await ConsumerProject.Create().WithProperty("PlatformProjectKind", kind).WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal(string.Empty, project.Property("ContainerRepository"));
        Assert.Equal(string.Empty, project.Property("ContainerBaseImage"));
    }

    private static ConsumerProject Worker() => ConsumerProject.Create("InventoryWorker")
        .WithProperty("PlatformProjectKind", "worker")
        .WithFile("Program.cs", """
            var builder = Host.CreateApplicationBuilder(args);
            builder.AddPlatformDefaults();
            builder.Build().Run();
            """);

    private static string Env(EvaluatedProject project, string name) =>
        Assert.Single(project.ItemsOf("ContainerEnvironmentVariable"), e => e.Include == name).Get("Value");

    private static string Label(EvaluatedProject project, string name) =>
        Assert.Single(project.ItemsOf("ContainerLabel"), e => e.Include == name).Get("Value");
}
