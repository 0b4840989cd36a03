using System.Net;
using Platform.Testing.Otlp;

namespace Platform.Sdk.Tests.Telemetry;

/// <summary>
/// Platform.Telemetry.targets + Platform.ServiceDefaults, end to end: a service built on the packed SDK exports to a
/// real OTLP/HTTP receiver on loopback, with the resource stamped at build time.
/// </summary>
public class TelemetryEndToEndTests(TelemetryProbeFixture probe) : IClassFixture<TelemetryProbeFixture>
{
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Traces_metrics_and_logs_arrive_over_OTLP_with_the_build_time_resource()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var service = await RunningService.StartAsync(probe.AssemblyPath, ExportTo(receiver.Endpoint), "/health/live");
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        var response = await http.GetAsync("/orders/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await receiver.WaitForSpanAsync(s => s.Attributes.GetString("http.route") == "/orders/{id}", ExportWait);
        var metric = await receiver.WaitForMetricAsync(m => m.Name == "http.server.request.duration", ExportWait);
        var log = await receiver.WaitForLogAsync(l => l.Body == "Fetching order 42", ExportWait);
        Assert.Equal(OtlpSpanKind.Server, span.Kind);
        Assert.Equal("GET /orders/{id}", span.Name);
        foreach (var resource in new[] { span.Resource, metric.Resource, log.Resource })
        {
            Assert.Equal("telemetry-probe", resource.GetString("service.name"));
            Assert.Equal("1.2.3", resource.GetString("service.version"));
            Assert.Equal("shop", resource.GetString("service.namespace"));
            Assert.Equal(probe.Repo.Commit, resource.GetString("vcs.ref.head.revision"));
            Assert.Equal("production", resource.GetString("deployment.environment.name"));
        }
    }

    [Fact]
    public async Task Health_probes_answer_in_Production_and_are_not_traced()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var service = await RunningService.StartAsync(probe.AssemblyPath, ExportTo(receiver.Endpoint), "/health/live");
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        foreach (var path in new[] { "/health/live", "/health/ready", "/health/startup" })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
        }

        await http.GetAsync("/orders/7");
        await receiver.WaitForSpanAsync(s => s.Attributes.GetString("http.route") == "/orders/{id}", ExportWait);
        Assert.DoesNotContain(receiver.Spans, s => (s.Attributes.GetString("url.path") ?? string.Empty).StartsWith("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_probe_fails_when_a_ready_check_fails()
    {
        var environment = new Dictionary<string, string>(ExportTo(new Uri("http://127.0.0.1:9"))) { ["FAIL_READY"] = "1" };
        await using var service = await RunningService.StartAsync(probe.AssemblyPath, environment, "/health/live");
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task An_unreachable_collector_neither_stops_the_service_nor_floods_its_log()
    {
        // Port 9 (discard) on loopback: nothing listens, every export fails. Warning level, as in production, so every
        // line left in the output is a warning or an error.
        var environment = new Dictionary<string, string>(ExportTo(new Uri("http://127.0.0.1:9"))) { ["Logging__LogLevel__Default"] = "Warning" };
        await using var service = await RunningService.StartAsync(probe.AssemblyPath, environment, "/health/live");
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/orders/{i}")).StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // several export intervals
        Assert.False(service.HasExited);
        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 5, $"{lines.Length} lines of output:\n{service.Output}");
        Assert.DoesNotContain("Exception", service.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ExportTo(Uri endpoint) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };
}
