using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Testing.Otlp;

namespace Platform.ServiceDefaults.Tests;

public sealed class WebTelemetryTests : IAsyncLifetime
{
    private const string Revision = "0123456789abcdef0123456789abcdef01234567";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly string _serviceName = "web-probe-" + Guid.NewGuid().ToString("N")[..6];
    private OtlpReceiver _receiver = null!;
    private TestService _service = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _service = await TestService.StartAsync(
            TestServiceAssembly.ForService(_serviceName, version: "2.3.4", revision: Revision, ns: "payments"),
            TestService.OtlpSettings(_receiver.Endpoint),
            configureApp: app =>
            {
                app.MapGet("/hello/{name}", (string name, ILogger<WebTelemetryTests> logger) =>
                {
                    logger.LogInformation("Greeting {Name} from the probe", name);
                    return "hello " + name;
                });
                app.MapPost("/orders", (PlatformTelemetry telemetry) =>
                {
                    using var activity = telemetry.ActivitySource.StartActivity("create-order");
                    activity?.SetTag("order.kind", "probe");
                    telemetry.Meter.CreateCounter<long>("probe.orders.created").Add(1);
                    return Results.Accepted();
                });
            });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Request_is_exported_as_a_server_span_named_after_the_route_template()
    {
        var response = await _service.Client.GetAsync("/hello/world");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var span = await _receiver.WaitForSpanAsync(s => s.Kind == OtlpSpanKind.Server && s.Attributes.GetString("http.route") == "/hello/{name}", Wait);

        Assert.Equal("GET /hello/{name}", span.Name);
        Assert.Equal("/hello/world", span.Attributes.GetString("url.path"));
        Assert.Equal("200", span.Attributes.GetString("http.response.status_code"));
        AssertServiceResource(span.Resource);
    }

    [Fact]
    public async Task Request_is_measured_by_the_http_server_request_duration_metric()
    {
        await _service.Client.GetStringAsync("/hello/metrics");

        var metric = await _receiver.WaitForMetricAsync(
            m => m.Name == "http.server.request.duration" && m.DataPoints.Any(p => p.Attributes.GetString("http.route") == "/hello/{name}"),
            Wait);

        Assert.Equal(OtlpMetricType.Histogram, metric.Type);
        Assert.Equal("s", metric.Unit);
        Assert.True(metric.DataPoints.Single(p => p.Attributes.GetString("http.route") == "/hello/{name}").Count >= 1);
        AssertServiceResource(metric.Resource);
    }

    [Fact]
    public async Task Log_is_exported_with_its_formatted_message_and_the_request_trace()
    {
        await _service.Client.GetStringAsync("/hello/logs");

        var log = await _receiver.WaitForLogAsync(l => l.Body == "Greeting logs from the probe", Wait);
        var span = await _receiver.WaitForSpanAsync(s => s.Kind == OtlpSpanKind.Server && s.Attributes.GetString("url.path") == "/hello/logs", Wait);

        Assert.Equal(9, log.SeverityNumber); // INFO
        Assert.Equal("logs", log.Attributes.GetString("Name"));
        Assert.Equal(typeof(WebTelemetryTests).FullName, log.ScopeName);
        Assert.Equal(span.TraceId, log.TraceId);
        AssertServiceResource(log.Resource);
    }

    [Fact]
    public async Task Spans_and_metrics_of_the_service_own_source_and_meter_are_exported_without_extra_code()
    {
        var response = await _service.Client.PostAsync("/orders", content: null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var span = await _receiver.WaitForSpanAsync(s => s.Name == "create-order", Wait);
        var metric = await _receiver.WaitForMetricAsync(m => m.Name == "probe.orders.created", Wait);

        Assert.Equal(_serviceName, span.ScopeName);
        Assert.Equal("probe", span.Attributes.GetString("order.kind"));
        Assert.NotNull(span.ParentSpanId); // child of the server span
        Assert.Equal(_serviceName, metric.ScopeName);
        Assert.Equal(1d, metric.DataPoints.Single().Value);
        AssertServiceResource(span.Resource);
    }

    [Fact]
    public async Task Health_endpoints_are_not_traced()
    {
        foreach (var path in new[] { "/health/live", "/health/ready", "/health/startup" })
        {
            var response = await _service.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A traced request made afterwards proves the health requests had their chance to be exported.
        await _service.Client.GetStringAsync("/hello/after-health");
        await _receiver.WaitForSpanAsync(s => s.Kind == OtlpSpanKind.Server && s.Attributes.GetString("url.path") == "/hello/after-health", Wait);

        Assert.DoesNotContain(
            _receiver.Spans,
            s => s.Kind == OtlpSpanKind.Server && s.Attributes.GetString("url.path")?.StartsWith("/health", StringComparison.Ordinal) == true);
    }

    private void AssertServiceResource(OtlpAttributes resource)
    {
        Assert.Equal(_serviceName, resource.GetString("service.name"));
        Assert.Equal("2.3.4", resource.GetString("service.version"));
        Assert.Equal("payments", resource.GetString("service.namespace"));
        Assert.Equal(Revision, resource.GetString("vcs.ref.head.revision"));
        Assert.Equal("production", resource.GetString("deployment.environment.name"));
        Assert.False(string.IsNullOrEmpty(resource.GetString("service.instance.id")));
    }
}
