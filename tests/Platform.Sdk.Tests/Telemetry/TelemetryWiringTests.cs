using Platform.Testing.Otlp;

namespace Platform.Sdk.Tests.Telemetry;

/// <summary>Platform.Telemetry.props/.targets: who gets ServiceDefaults, the service name, the opt-out, workers.</summary>
public class TelemetryWiringTests
{
    [Theory]
    [InlineData("Platform.Sdk.Web", null, true)]
    [InlineData("Platform.Sdk", "worker", true)]
    [InlineData("Platform.Sdk", null, false)]
    [InlineData("Platform.Sdk", "console", false)]
    [InlineData("Platform.Sdk.Test", null, false)]
    public async Task Services_get_ServiceDefaults_and_others_do_not(string sdk, string? kind, bool expected)
    {
        var builder = ConsumerProject.Create().WithSdk(sdk);
        if (kind is not null)
        {
            builder.WithProperty("PlatformProjectKind", kind);
        }

        var project = (await builder.WriteAsync()).Evaluate();

        var reference = project.ItemsOf("PackageReference").SingleOrDefault(r => r.Include == "Platform.ServiceDefaults");
        Assert.Equal(expected, reference is not null);
        if (reference is not null)
        {
            Assert.Equal("true", reference.Get("IsImplicitlyDefined"));
            Assert.Equal(project.Property("PlatformSdkVersion"), reference.Get("Version"));
        }
    }

    [Fact]
    public async Task PlatformTelemetry_false_removes_the_ServiceDefaults_reference()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithProperty("PlatformTelemetry", "false").WriteAsync();

        Assert.DoesNotContain(repo.Evaluate().ItemsOf("PackageReference"), r => r.Include == "Platform.ServiceDefaults");
    }

    [Fact]
    public async Task ServiceDefaults_version_can_be_overridden()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithProperty("PlatformServiceDefaultsVersion", "9.9.9").WriteAsync();

        var reference = Assert.Single(repo.Evaluate().ItemsOf("PackageReference"), r => r.Include == "Platform.ServiceDefaults");
        Assert.Equal("9.9.9", reference.Get("Version"));
    }

    [Theory]
    [InlineData("TelemetryProbe", "telemetry-probe")]
    [InlineData("OrderApi", "order-api")]
    [InlineData("HTTPGateway", "http-gateway")]
    [InlineData("Contoso.Orders.Api", "contoso-orders-api")]
    public async Task Service_name_is_the_assembly_name_in_kebab_case(string projectName, string expected)
    {
        var repo = await ConsumerProject.Create(projectName).WithSdk("Platform.Sdk.Web").WriteAsync();

        Assert.Equal(expected, repo.Evaluate().Property("PlatformServiceName"));
    }

    [Fact]
    public async Task A_worker_exports_its_spans_and_logs()
    {
        var repo = await ConsumerProject.Create("StockWorker")
            .WithProperty("PlatformProjectKind", "worker")
            .WithProperty("Version", "2.0.0")
            .WithFile("Program.cs", """
                var builder = Host.CreateApplicationBuilder(args);
                builder.AddPlatformDefaults();
                builder.Services.AddHostedService<StockWorker.Restocker>();
                builder.Build().Run();
                """)
            .WithFile("Restocker.cs", """
                namespace StockWorker;

                /// <summary>One restock pass per second, each a span and a log record.</summary>
                public sealed class Restocker(PlatformTelemetry telemetry, ILogger<Restocker> logger) : BackgroundService
                {
                    /// <inheritdoc />
                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        while (!stoppingToken.IsCancellationRequested)
                        {
                            using (telemetry.ActivitySource.StartActivity("restock-pass"))
                            {
                                logger.LogInformation("Restocked {Count} items", 3);
                            }

                            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                        }
                    }
                }
                """)
            .WriteAsync();
        var build = await repo.BuildAsync(ci: true);
        Assert.True(build.Succeeded, build.ToString());
        await using var receiver = await OtlpReceiver.StartAsync();

        await using var worker = await RunningService.StartAsync(
            Path.Combine(repo.ProjectDirectory, "bin", "Debug", "net10.0", "StockWorker.dll"),
            new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            });

        var span = await receiver.WaitForSpanAsync(s => s.Name == "restock-pass", TimeSpan.FromSeconds(30));
        var log = await receiver.WaitForLogAsync(l => l.Body == "Restocked 3 items", TimeSpan.FromSeconds(30));
        Assert.Equal("stock-worker", span.Resource.GetString("service.name"));
        Assert.Equal("2.0.0", log.Resource.GetString("service.version"));
        Assert.Equal(repo.Commit, span.Resource.GetString("vcs.ref.head.revision"));
    }
}
