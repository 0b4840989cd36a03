using System.Text.Json.Nodes;
using Google.Protobuf;
using Platform.Testing.Otlp.Proto;

namespace Platform.Testing.Otlp;

/// <summary>Turns OTLP export requests (binary protobuf or OTLP/JSON) into <see cref="OtlpSpan"/>, <see cref="OtlpMetric"/> and <see cref="OtlpLogRecord"/>.</summary>
public static class OtlpDecoder
{
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly HashSet<string> HexIdFields = new(StringComparer.Ordinal) { "traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id" };

    /// <summary>Decodes a binary <c>ExportTraceServiceRequest</c>.</summary>
    /// <param name="payload">The request body.</param>
    /// <returns>The spans.</returns>
    public static IReadOnlyList<OtlpSpan> DecodeTraces(ReadOnlySpan<byte> payload) => ToSpans(ExportTraceServiceRequest.Parser.ParseFrom(payload));

    /// <summary>Decodes a binary <c>ExportMetricsServiceRequest</c>.</summary>
    /// <param name="payload">The request body.</param>
    /// <returns>The metrics.</returns>
    public static IReadOnlyList<OtlpMetric> DecodeMetrics(ReadOnlySpan<byte> payload) => ToMetrics(ExportMetricsServiceRequest.Parser.ParseFrom(payload));

    /// <summary>Decodes a binary <c>ExportLogsServiceRequest</c>.</summary>
    /// <param name="payload">The request body.</param>
    /// <returns>The log records.</returns>
    public static IReadOnlyList<OtlpLogRecord> DecodeLogs(ReadOnlySpan<byte> payload) => ToLogs(ExportLogsServiceRequest.Parser.ParseFrom(payload));

    /// <summary>Parses an OTLP/JSON request body (hex trace and span ids, as the OTLP JSON encoding specifies).</summary>
    /// <typeparam name="T">The request message type.</typeparam>
    /// <param name="json">The request body.</param>
    /// <returns>The message.</returns>
    public static T ParseJson<T>(string json)
        where T : IMessage<T>, new()
    {
        var node = JsonNode.Parse(json);
        if (node is not null)
        {
            HexIdsToBase64(node);
        }

        return Json.Parse<T>(node?.ToJsonString() ?? "{}");
    }

    /// <summary>Flattens a trace export request into spans.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The spans.</returns>
    public static IReadOnlyList<OtlpSpan> ToSpans(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = OtlpAttributes.From(resourceSpans.Resource?.Attributes);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? string.Empty;
                foreach (var span in scopeSpans.Spans)
                {
                    spans.Add(new OtlpSpan(
                        span.Name,
                        (OtlpSpanKind)span.Kind,
                        Hex(span.TraceId) ?? string.Empty,
                        Hex(span.SpanId) ?? string.Empty,
                        Hex(span.ParentSpanId),
                        Time(span.StartTimeUnixNano),
                        Time(span.EndTimeUnixNano),
                        OtlpAttributes.From(span.Attributes),
                        span.Status?.Code ?? 0,
                        string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
                        scope,
                        resource));
                }
            }
        }

        return spans;
    }

    /// <summary>Flattens a metrics export request into metrics.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The metrics.</returns>
    public static IReadOnlyList<OtlpMetric> ToMetrics(ExportMetricsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metrics = new List<OtlpMetric>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = OtlpAttributes.From(resourceMetrics.Resource?.Attributes);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = scopeMetrics.Scope?.Name ?? string.Empty;
                foreach (var metric in scopeMetrics.Metrics)
                {
                    var (type, points) = DataPoints(metric);
                    metrics.Add(new OtlpMetric(metric.Name, metric.Description, metric.Unit, type, points, scope, resource));
                }
            }
        }

        return metrics;
    }

    /// <summary>Flattens a logs export request into log records.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The log records.</returns>
    public static IReadOnlyList<OtlpLogRecord> ToLogs(ExportLogsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var logs = new List<OtlpLogRecord>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = OtlpAttributes.From(resourceLogs.Resource?.Attributes);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope?.Name ?? string.Empty;
                foreach (var record in scopeLogs.LogRecords)
                {
                    logs.Add(new OtlpLogRecord(
                        OtlpAttributes.Format(OtlpAttributes.Decode(record.Body)),
                        record.SeverityNumber,
                        string.IsNullOrEmpty(record.SeverityText) ? null : record.SeverityText,
                        string.IsNullOrEmpty(record.EventName) ? null : record.EventName,
                        OtlpAttributes.From(record.Attributes),
                        Hex(record.TraceId),
                        Hex(record.SpanId),
                        Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
                        scope,
                        resource));
                }
            }
        }

        return logs;
    }

    private static (OtlpMetricType Type, IReadOnlyList<OtlpDataPoint> Points) DataPoints(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => (OtlpMetricType.Gauge, metric.Gauge.DataPoints.Select(Number).ToArray()),
        Metric.DataOneofCase.Sum => (OtlpMetricType.Sum, metric.Sum.DataPoints.Select(Number).ToArray()),
        Metric.DataOneofCase.Histogram => (OtlpMetricType.Histogram, metric.Histogram.DataPoints
            .Select(p => new OtlpDataPoint(OtlpAttributes.From(p.Attributes), null, p.Count, p.HasSum ? p.Sum : null, Time(p.TimeUnixNano)))
            .ToArray()),
        Metric.DataOneofCase.ExponentialHistogram => (OtlpMetricType.ExponentialHistogram, metric.ExponentialHistogram.DataPoints
            .Select(p => new OtlpDataPoint(OtlpAttributes.From(p.Attributes), null, p.Count, p.HasSum ? p.Sum : null, Time(p.TimeUnixNano)))
            .ToArray()),
        Metric.DataOneofCase.Summary => (OtlpMetricType.Summary, metric.Summary.DataPoints
            .Select(p => new OtlpDataPoint(OtlpAttributes.From(p.Attributes), null, p.Count, p.Sum, Time(p.TimeUnixNano)))
            .ToArray()),
        _ => (OtlpMetricType.None, Array.Empty<OtlpDataPoint>()),
    };

    private static OtlpDataPoint Number(NumberDataPoint point) => new(
        OtlpAttributes.From(point.Attributes),
        point.ValueCase switch
        {
            NumberDataPoint.ValueOneofCase.AsDouble => point.AsDouble,
            NumberDataPoint.ValueOneofCase.AsInt => point.AsInt,
            _ => null,
        },
        null,
        null,
        Time(point.TimeUnixNano));

    private static string? Hex(ByteString bytes) => bytes.IsEmpty ? null : Convert.ToHexStringLower(bytes.Span);

    private static DateTimeOffset Time(ulong unixNanoseconds)
        => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / 100));

    private static void HexIdsToBase64(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToArray())
                {
                    if (value is JsonValue text && HexIdFields.Contains(key) && text.TryGetValue<string>(out var hex) && hex.Length % 2 == 0)
                    {
                        try
                        {
                            obj[key] = Convert.ToBase64String(Convert.FromHexString(hex));
                        }
                        catch (FormatException)
                        {
                            // Not hex: leave it for the protobuf parser (it may already be base64).
                        }
                    }
                    else if (value is not null)
                    {
                        HexIdsToBase64(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        HexIdsToBase64(item);
                    }
                }

                break;
        }
    }
}
