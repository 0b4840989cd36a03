using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Testing.Otlp;

namespace Platform.ServiceDefaults.Tests;

public sealed class WorkerTelemetryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Worker_span_and_log_are_exported_with_the_service_resource()
    {
        var serviceName = "worker-probe-" + Guid.NewGuid().ToString("N")[..6];
        await using var receiver = await OtlpReceiver.StartAsync();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Staging",
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Configuration.AddInMemoryCollection(TestService.OtlpSettings(receiver.Endpoint));
        builder.AddPlatformDefaults(options => options.ServiceAssembly = TestServiceAssembly.ForService(serviceName, version: "0.9.0"));
        builder.Services.AddHostedService<ProbeWorker>();

        using (var host = builder.Build())
        {
            await host.StartAsync();

            var span = await receiver.WaitForSpanAsync(s => s.Name == "process-batch", Wait);
            var log = await receiver.WaitForLogAsync(l => l.Body == "Processed batch 42", Wait);

            Assert.Equal(serviceName, span.ScopeName);
            Assert.Equal(OtlpSpanKind.Internal, span.Kind);
            Assert.Equal(span.TraceId, log.TraceId);
            foreach (var resource in new[] { span.Resource, log.Resource })
            {
                Assert.Equal(serviceName, resource.GetString("service.name"));
                Assert.Equal("0.9.0", resource.GetString("service.version"));
                Assert.Equal("0123456789abcdef0123456789abcdef01234567", resource.GetString("vcs.ref.head.revision"));
                Assert.Equal("staging", resource.GetString("deployment.environment.name"));
            }

            await host.StopAsync();
        }
    }

    private sealed class ProbeWorker(PlatformTelemetry telemetry, ILogger<ProbeWorker> logger) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var activity = telemetry.ActivitySource.StartActivity("process-batch");
            activity?.SetTag("batch.id", 42);
            logger.LogInformation("Processed batch {BatchId}", 42);
            return Task.CompletedTask;
        }
    }
}
