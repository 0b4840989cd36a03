using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Platform.Testing.Otlp;

namespace Platform.ServiceDefaults.Tests;

/// <summary>A service started as its own process: metadata comes from the real entry assembly, settings from environment variables.</summary>
public sealed partial class ProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Separate_process_exports_with_the_resource_stamped_on_its_entry_assembly_and_stops_gracefully()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var process = StartProbe(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "k8s.pod.name=probe-0",
        });
        try
        {
            var address = await process.ListeningAddress.Task.WaitAsync(Wait);
            using var client = new HttpClient { BaseAddress = address };

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/orders/7")).StatusCode);
            Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));

            var server = await receiver.WaitForSpanAsync(s => s.Attributes.GetString("http.route") == "/orders/{id}", Wait);
            var own = await receiver.WaitForSpanAsync(s => s.Name == "load-order", Wait);
            var log = await receiver.WaitForLogAsync(l => l.Body == "Loaded order 7", Wait);

            Assert.Equal("telemetry-probe", own.ScopeName);
            Assert.Equal(server.TraceId, own.TraceId);
            Assert.Equal(server.TraceId, log.TraceId);
            foreach (var resource in new[] { server.Resource, own.Resource, log.Resource })
            {
                Assert.Equal("telemetry-probe", resource.GetString("service.name"));
                Assert.Equal("4.5.6", resource.GetString("service.version"));
                Assert.Equal("probes", resource.GetString("service.namespace"));
                Assert.Equal("feedfacecafebeef0000111122223333deadbeef", resource.GetString("vcs.ref.head.revision"));
                Assert.Equal("production", resource.GetString("deployment.environment.name"));
                Assert.Equal("probe-0", resource.GetString("k8s.pod.name"));
            }

            Assert.DoesNotContain(receiver.Spans, s => s.Attributes.GetString("url.path")?.StartsWith("/health", StringComparison.Ordinal) == true);

            // SIGTERM, as Kubernetes sends it: the host stops gracefully and exits 0.
            using (var kill = Process.Start("kill", ["-TERM", process.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.Process.WaitForExitAsync(new CancellationTokenSource(Wait).Token);
            Assert.Equal(0, process.Process.ExitCode);
        }
        finally
        {
            if (!process.Process.HasExited)
            {
                process.Process.Kill(entireProcessTree: true);
            }
        }
    }

    private static ProbeProcess StartProbe(Dictionary<string, string> environment)
    {
        var path = typeof(ProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TelemetryProbePath").Value!;
        var start = new ProcessStartInfo("dotnet", [path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var probe = new ProbeProcess(Process.Start(start)!);
        probe.Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ListeningRegex().Match(e.Data) is { Success: true } match)
            {
                probe.ListeningAddress.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        probe.Process.ErrorDataReceived += (_, _) => { };
        probe.Process.BeginOutputReadLine();
        probe.Process.BeginErrorReadLine();
        return probe;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex();

    private sealed class ProbeProcess(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public TaskCompletionSource<Uri> ListeningAddress { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Process.Dispose();
    }
}
