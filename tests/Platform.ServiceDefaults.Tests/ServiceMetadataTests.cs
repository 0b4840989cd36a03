using System.Reflection;

namespace Platform.ServiceDefaults.Tests;

public sealed class ServiceMetadataTests
{
    [Theory]
    [InlineData("TelemetryProbe", "telemetry-probe")]
    [InlineData("Contoso.Orders.Api", "contoso-orders-api")]
    [InlineData("HTTPGateway", "http-gateway")]
    [InlineData("OrderService2", "order-service2")]
    [InlineData("my_worker", "my-worker")]
    [InlineData("already-kebab", "already-kebab")]
    [InlineData("", "")]
    public void Assembly_names_become_kebab_case_service_names(string assemblyName, string expected)
    {
        Assert.Equal(expected, PlatformServiceMetadata.ToKebabCase(assemblyName));
    }

    [Fact]
    public void Stamped_metadata_is_read_from_the_given_assembly()
    {
        var assembly = TestServiceAssembly.Create("TelemetryProbe", new Dictionary<string, string>
        {
            ["PlatformServiceName"] = "telemetry-probe",
            ["PlatformServiceVersion"] = "3.1.0-rc.1",
            ["PlatformServiceNamespace"] = "shop",
            ["PlatformSourceRevision"] = "abcdef1",
        });

        var metadata = PlatformServiceMetadata.FromAssembly(assembly);

        Assert.Equal(new PlatformServiceMetadata("telemetry-probe", "3.1.0-rc.1", "shop", "abcdef1", "TelemetryProbe"), metadata);
    }

    [Fact]
    public void Without_metadata_the_name_falls_back_to_the_assembly_name_in_kebab_case()
    {
        var metadata = PlatformServiceMetadata.FromAssembly(TestServiceAssembly.Create("TelemetryProbe", new Dictionary<string, string>()));

        Assert.Equal("telemetry-probe", metadata.Name);
        Assert.Null(metadata.Namespace);
        Assert.Null(metadata.SourceRevision);
    }

    [Fact]
    public void Without_metadata_version_and_revision_come_from_the_informational_version()
    {
        // This test assembly has no Platform metadata; its informational version is "1.0.0-dev" (+ commit when SourceLink adds one).
        var metadata = PlatformServiceMetadata.FromAssembly(typeof(ServiceMetadataTests).Assembly);
        var informational = typeof(ServiceMetadataTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal("platform-service-defaults-tests", metadata.Name);
        Assert.Equal(informational.Split('+')[0], metadata.Version);
    }

    [Fact]
    public void Without_an_assembly_the_service_is_unknown_service()
    {
        Assert.Equal("unknown_service", PlatformServiceMetadata.FromAssembly(null).Name);
    }
}
