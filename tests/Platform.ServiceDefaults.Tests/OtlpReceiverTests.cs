using System.Net;
using System.Text;
using Google.Protobuf;
using Platform.Testing.Otlp;
using Platform.Testing.Otlp.Proto;

namespace Platform.ServiceDefaults.Tests;

/// <summary>The test receiver itself: protocol handling independent of any OpenTelemetry SDK.</summary>
public sealed class OtlpReceiverTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Binary_protobuf_trace_export_is_decoded_with_resource_and_span_attributes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var request = new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = new Resource { Attributes = { Attribute("service.name", "hand-made") } },
                    ScopeSpans =
                    {
                        new ScopeSpans
                        {
                            Scope = new InstrumentationScope { Name = "manual" },
                            Spans =
                            {
                                new Span
                                {
                                    Name = "op",
                                    Kind = 2,
                                    TraceId = ByteString.CopyFrom(Convert.FromHexString("0af7651916cd43dd8448eb211c80319c")),
                                    SpanId = ByteString.CopyFrom(Convert.FromHexString("b7ad6b7169203331")),
                                    Attributes = { Attribute("http.route", "/x") },
                                },
                            },
                        },
                    },
                },
            },
        };

        using var client = new HttpClient { BaseAddress = receiver.Endpoint };
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new("application/x-protobuf");
        var response = await client.PostAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await receiver.WaitForSpanAsync(s => s.Name == "op", Wait);
        Assert.Equal(OtlpSpanKind.Server, span.Kind);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId);
        Assert.Equal("b7ad6b7169203331", span.SpanId);
        Assert.Null(span.ParentSpanId);
        Assert.Equal("/x", span.Attributes.GetString("http.route"));
        Assert.Equal("hand-made", span.Resource.GetString("service.name"));
        Assert.Equal("manual", span.ScopeName);
    }

    [Fact]
    public async Task OTLP_JSON_log_export_is_decoded_with_hex_ids()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        const string json = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-client"}}]},
              "scopeLogs":[{"scope":{"name":"app"},"logRecords":[{"timeUnixNano":"1700000000000000000","severityNumber":17,
                "severityText":"Error","body":{"stringValue":"boom"},"traceId":"5b8efff798038103d269b633813fc60c",
                "spanId":"eee19b7ec3c1b174","attributes":[{"key":"attempt","value":{"intValue":"3"}}]}]}]}]}
            """;

        using var client = new HttpClient { BaseAddress = receiver.Endpoint };
        var response = await client.PostAsync("/v1/logs", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = Assert.Single(receiver.Logs);
        Assert.Equal("boom", log.Body);
        Assert.Equal(17, log.SeverityNumber);
        Assert.Equal("5b8efff798038103d269b633813fc60c", log.TraceId);
        Assert.Equal("eee19b7ec3c1b174", log.SpanId);
        Assert.Equal(3L, log.Attributes["attempt"]);
        Assert.Equal("json-client", log.Resource.GetString("service.name"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), log.Timestamp);
    }

    [Fact]
    public async Task Gzip_encoded_metrics_are_decoded()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var request = new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    ScopeMetrics =
                    {
                        new ScopeMetrics
                        {
                            Metrics =
                            {
                                new Metric
                                {
                                    Name = "queue.depth",
                                    Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsInt = 12 } } },
                                },
                            },
                        },
                    },
                },
            },
        };
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            request.WriteTo(gzip);
        }

        using var client = new HttpClient { BaseAddress = receiver.Endpoint };
        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/metrics", content)).StatusCode);
        var metric = Assert.Single(receiver.Metrics);
        Assert.Equal(OtlpMetricType.Gauge, metric.Type);
        Assert.Equal(12d, Assert.Single(metric.DataPoints).Value);
    }

    [Fact]
    public async Task Unknown_paths_get_404_and_garbage_gets_400()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var client = new HttpClient { BaseAddress = receiver.Endpoint };

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/v1/other", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        using var garbage = new ByteArrayContent([0xFF, 0xFF, 0xFF]);
        garbage.Headers.ContentType = new("application/x-protobuf");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/v1/metrics", garbage)).StatusCode);
        Assert.Single(receiver.Errors);
    }

    [Fact]
    public async Task WaitForAsync_times_out_with_a_summary_of_what_was_received()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => receiver.WaitForAsync(r => r.Spans.Count > 0, TimeSpan.FromMilliseconds(200)));

        Assert.Contains("0 span(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_listens_on_loopback_only()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        Assert.Equal("127.0.0.1", receiver.Endpoint.Host);
        Assert.NotEqual(0, receiver.Endpoint.Port);
    }

    private static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };
}
