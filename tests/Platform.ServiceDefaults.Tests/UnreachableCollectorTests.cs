using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Tests;

public sealed class UnreachableCollectorTests
{
    [Fact]
    public async Task Service_keeps_serving_and_export_failures_stay_out_of_the_logs()
    {
        var closedPort = ClosedLoopbackPort();
        var endpoint = new Uri($"http://127.0.0.1:{closedPort}");
        using var exporterEvents = new OtlpExporterEventListener(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var logs = new CapturingLoggerProvider();

        var settings = TestService.OtlpSettings(endpoint);
        settings["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000";

        await using (var service = await TestService.StartAsync(
            TestServiceAssembly.ForService("unreachable-probe"),
            settings,
            configureBuilder: builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
            },
            configureApp: app => app.MapGet("/work", (ILogger<UnreachableCollectorTests> logger) =>
            {
                logger.LogInformation("Working");
                return "done";
            })))
        {
            var watch = Stopwatch.StartNew();
            var served = 0;
            // Serve at least 10 requests, and keep serving until the exporter has failed a few times (bounded wait),
            // proving export was attempted and failing meanwhile.
            while (served < 10 || (exporterEvents.FailureCount < 3 && watch.Elapsed < TimeSpan.FromSeconds(15)))
            {
                var response = await service.Client.GetAsync("/work");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                served++;
                await Task.Delay(50);
            }

            Assert.True(exporterEvents.FailureCount >= 3, $"expected export failures on the exporter EventSource; saw {exporterEvents.FailureCount}");
            Assert.Equal("Healthy", await service.Client.GetStringAsync("/health/live"));
        }

        var entries = logs.Entries;
        Assert.Empty(entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}"));
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("System.Net.Http.HttpClient.Otlp", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("Polly", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("OpenTelemetry", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private static int ClosedLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Counts warning/error events of the OTLP exporter's EventSource that mention the given port.</summary>
    private sealed class OtlpExporterEventListener(string port) : EventListener
    {
        private int _failures;
        private readonly ConcurrentQueue<string> _seen = new();

        public int FailureCount => Volatile.Read(ref _failures);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "OpenTelemetry-Exporter-OpenTelemetryProtocol")
            {
                EnableEvents(eventSource, EventLevel.Warning);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.Level is not (EventLevel.Error or EventLevel.Warning or EventLevel.Critical))
            {
                return;
            }

            var payload = string.Join(" ", eventData.Payload?.Select(p => p?.ToString()) ?? []);
            _seen.Enqueue(eventData.EventName + ": " + payload);
            if (payload.Contains(port, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }
}
