using Microsoft.AspNetCore.Builder;
using Platform.Testing.Otlp;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Standard OTEL_* settings reach the OpenTelemetry SDK (here through IConfiguration, as environment variables would).</summary>
public sealed class OtelSettingsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task OTEL_EXPORTER_OTLP_HEADERS_are_sent_with_every_export()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = TestService.OtlpSettings(receiver.Endpoint);
        settings["OTEL_EXPORTER_OTLP_HEADERS"] = "x-platform-tenant=probe,authorization=Bearer t0ken";

        await using var service = await TestService.StartAsync(
            TestServiceAssembly.ForService("headers-probe"),
            settings,
            configureApp: app => app.MapGet("/headers", () => "ok"));
        await service.Client.GetStringAsync("/headers");

        await receiver.WaitForAsync(r => r.Requests.Any(q => q.Path == OtlpReceiver.TracesPath), Wait);

        Assert.All(receiver.Requests, request =>
        {
            Assert.Equal("probe", request.Headers["x-platform-tenant"]);
            Assert.Equal("Bearer t0ken", request.Headers["authorization"]);
            Assert.StartsWith("application/x-protobuf", request.ContentType, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Log_scopes_are_exported_as_attributes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        await using var service = await TestService.StartAsync(
            TestServiceAssembly.ForService("scopes-probe"),
            TestService.OtlpSettings(receiver.Endpoint),
            configureApp: app => app.MapGet("/scoped", (Microsoft.Extensions.Logging.ILogger<OtelSettingsTests> logger) =>
            {
                using (logger.BeginScope(new Dictionary<string, object> { ["OrderId"] = "A-17" }))
                {
                    Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "Order {Step} failed", "payment");
                }

                return "ok";
            }));
        await service.Client.GetStringAsync("/scoped");

        var log = await receiver.WaitForLogAsync(l => l.Body == "Order payment failed", Wait);

        Assert.Equal("A-17", log.Attributes.GetString("OrderId"));
        Assert.Equal(13, log.SeverityNumber); // WARN
    }
}

[Collection(IsolatedCollection.Name)]
public sealed class OtelSamplerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task OTEL_TRACES_SAMPLER_always_off_drops_spans_but_metrics_still_flow()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = TestService.OtlpSettings(receiver.Endpoint);
        settings["OTEL_TRACES_SAMPLER"] = "always_off";

        await using var service = await TestService.StartAsync(
            TestServiceAssembly.ForService("sampler-probe"),
            settings,
            configureApp: app => app.MapGet("/sampled-out", () => "ok"));
        await service.Client.GetStringAsync("/sampled-out");

        await receiver.WaitForMetricAsync(
            m => m.Name == "http.server.request.duration" && m.DataPoints.Any(p => p.Attributes.GetString("http.route") == "/sampled-out"),
            Wait);

        Assert.DoesNotContain(receiver.Spans, s => s.Attributes.GetString("http.route") == "/sampled-out");
    }
}
