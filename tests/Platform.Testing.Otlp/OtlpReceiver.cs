using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing.Otlp.Proto;

namespace Platform.Testing.Otlp;

/// <summary>
/// A real OTLP/HTTP receiver for tests. It listens on <c>127.0.0.1</c> on a free port, accepts
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> as <c>application/x-protobuf</c> (or
/// <c>application/json</c>, optionally gzip-encoded), decodes them and keeps what it received.
/// Point a service at it with <c>OTEL_EXPORTER_OTLP_ENDPOINT=</c><see cref="Endpoint"/> and
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.
/// </summary>
/// <remarks>
/// The receiver's own Kestrel does not publish activities, diagnostic events or metrics under the ASP.NET Core names,
/// so an OpenTelemetry SDK in the same process does not trace or measure the export requests it receives.
/// </remarks>
public sealed class OtlpReceiver : IAsyncDisposable
{
    /// <summary>Path of trace exports.</summary>
    public const string TracesPath = "/v1/traces";

    /// <summary>Path of metric exports.</summary>
    public const string MetricsPath = "/v1/metrics";

    /// <summary>Path of log exports.</summary>
    public const string LogsPath = "/v1/logs";

    private const string ReceiverName = "Platform.Testing.Otlp.Receiver";

    private readonly object _gate = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly List<OtlpMetric> _metrics = [];
    private readonly List<OtlpLogRecord> _logs = [];
    private readonly List<OtlpRequestInfo> _requests = [];
    private readonly List<string> _errors = [];
    private TaskCompletionSource _changed = NewSignal();
    private WebApplication? _app;

    private OtlpReceiver()
    {
    }

    /// <summary>Gets the base URL (<c>http://127.0.0.1:port</c>), the value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets or sets the status code answered to export requests (200 by default); set 503 to simulate an unavailable collector.</summary>
    public int ResponseStatusCode { get; set; } = StatusCodes.Status200OK;

    /// <summary>Gets a snapshot of the spans received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans => Snapshot(_spans);

    /// <summary>Gets a snapshot of the metrics received so far (one entry per metric per export).</summary>
    public IReadOnlyList<OtlpMetric> Metrics => Snapshot(_metrics);

    /// <summary>Gets a snapshot of the log records received so far.</summary>
    public IReadOnlyList<OtlpLogRecord> Logs => Snapshot(_logs);

    /// <summary>Gets a snapshot of the HTTP requests received so far.</summary>
    public IReadOnlyList<OtlpRequestInfo> Requests => Snapshot(_requests);

    /// <summary>Gets a snapshot of the requests the receiver could not decode, as messages.</summary>
    public IReadOnlyList<string> Errors => Snapshot(_errors);

    /// <summary>Starts a receiver on <c>127.0.0.1</c> and a free port.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running receiver; dispose it to stop it.</returns>
    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var receiver = new OtlpReceiver();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = ReceiverName });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });

        // Keep the receiver invisible to an OpenTelemetry SDK running in the same process (see remarks).
        builder.Services.AddSingleton(new ActivitySource(ReceiverName));
        builder.Services.AddSingleton(new DiagnosticListener(ReceiverName));
        builder.Services.AddSingleton<IMeterFactory, PrivateMeterFactory>();

        var app = builder.Build();
        app.Run(receiver.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver._app = app;
        receiver.Endpoint = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return receiver;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the receiver, re-evaluating it after each export.
    /// </summary>
    /// <param name="condition">The condition, e.g. <c>r =&gt; r.Spans.Any(s =&gt; s.Name == "GET /")</c>.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message summarises what was received.</exception>
    public async Task WaitForAsync(Func<OtlpReceiver, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            var remaining = timeout - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"OTLP receiver: condition not met within {timeout}. Received so far: {Describe()}");
            }

            try
            {
                await changed.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Evaluate one last time, then fail with the summary above.
            }
        }
    }

    /// <summary>Waits for the first span matching <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The span to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The span.</returns>
    public async Task<OtlpSpan> WaitForSpanAsync(Func<OtlpSpan, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await WaitForAsync(r => r.Spans.Any(predicate), timeout, cancellationToken).ConfigureAwait(false);
        return Spans.First(predicate);
    }

    /// <summary>Waits for the first metric matching <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The metric to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The metric.</returns>
    public async Task<OtlpMetric> WaitForMetricAsync(Func<OtlpMetric, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await WaitForAsync(r => r.Metrics.Any(predicate), timeout, cancellationToken).ConfigureAwait(false);
        return Metrics.First(predicate);
    }

    /// <summary>Waits for the first log record matching <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The log record to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The log record.</returns>
    public async Task<OtlpLogRecord> WaitForLogAsync(Func<OtlpLogRecord, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await WaitForAsync(r => r.Logs.Any(predicate), timeout, cancellationToken).ConfigureAwait(false);
        return Logs.First(predicate);
    }

    /// <summary>Forgets everything received so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _spans.Clear();
            _metrics.Clear();
            _logs.Clear();
            _requests.Clear();
            _errors.Clear();
        }
    }

    /// <summary>Summarises what was received (counts, span names, metric names, log bodies), for failure messages.</summary>
    /// <returns>The summary.</returns>
    public string Describe()
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{_requests.Count} request(s); ");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{_spans.Count} span(s) [{string.Join(", ", _spans.Select(s => s.Name).Distinct().Take(20))}]; ");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{_metrics.Count} metric(s) [{string.Join(", ", _metrics.Select(m => m.Name).Distinct().Take(30))}]; ");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{_logs.Count} log(s) [{string.Join(" | ", _logs.Select(l => l.Body).Take(10))}]");
            if (_errors.Count > 0)
            {
                text.Append("; errors: ").Append(string.Join(" | ", _errors));
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        if (!HttpMethods.IsPost(request.Method) || path is not (TracesPath or MetricsPath or LogsPath))
        {
            Record(new OtlpRequestInfo(path, request.ContentType, headers, StatusCodes.Status404NotFound));
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var isJson = request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        var isProtobuf = request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) == true;
        if (!isJson && !isProtobuf)
        {
            Record(new OtlpRequestInfo(path, request.ContentType, headers, StatusCodes.Status415UnsupportedMediaType));
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var status = ResponseStatusCode;
        if (status is >= 200 and < 300)
        {
            var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            try
            {
                Decode(path, body, isJson);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or System.Text.Json.JsonException or FormatException)
            {
                lock (_gate)
                {
                    _errors.Add($"{path}: {ex.Message}");
                }

                status = StatusCodes.Status400BadRequest;
            }
        }

        Record(new OtlpRequestInfo(path, request.ContentType, headers, status));
        context.Response.StatusCode = status;
        if (status is >= 200 and < 300)
        {
            // An empty Export*ServiceResponse: full success.
            context.Response.ContentType = isJson ? "application/json" : "application/x-protobuf";
            if (isJson)
            {
                await context.Response.WriteAsync("{}", context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var input = request.Body;
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            input = new GZipStream(input, CompressionMode.Decompress);
        }

        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private void Decode(string path, byte[] body, bool isJson)
    {
        switch (path)
        {
            case TracesPath:
                var spans = OtlpDecoder.ToSpans(isJson ? OtlpDecoder.ParseJson<ExportTraceServiceRequest>(Encoding.UTF8.GetString(body)) : ExportTraceServiceRequest.Parser.ParseFrom(body));
                lock (_gate)
                {
                    _spans.AddRange(spans);
                }

                break;
            case MetricsPath:
                var metrics = OtlpDecoder.ToMetrics(isJson ? OtlpDecoder.ParseJson<ExportMetricsServiceRequest>(Encoding.UTF8.GetString(body)) : ExportMetricsServiceRequest.Parser.ParseFrom(body));
                lock (_gate)
                {
                    _metrics.AddRange(metrics);
                }

                break;
            default:
                var logs = OtlpDecoder.ToLogs(isJson ? OtlpDecoder.ParseJson<ExportLogsServiceRequest>(Encoding.UTF8.GetString(body)) : ExportLogsServiceRequest.Parser.ParseFrom(body));
                lock (_gate)
                {
                    _logs.AddRange(logs);
                }

                break;
        }
    }

    private void Record(OtlpRequestInfo info)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _requests.Add(info);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private List<T> Snapshot<T>(List<T> items)
    {
        lock (_gate)
        {
            return [.. items];
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the receiver's meters under private names so in-process meter listeners ignore them.</summary>
    private sealed class PrivateMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(ReceiverName + "/" + options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            lock (_meters)
            {
                foreach (var meter in _meters)
                {
                    meter.Dispose();
                }

                _meters.Clear();
            }
        }
    }
}
