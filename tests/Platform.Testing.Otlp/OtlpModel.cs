namespace Platform.Testing.Otlp;

/// <summary>The OTLP span kind.</summary>
public enum OtlpSpanKind
{
    /// <summary>Not specified.</summary>
    Unspecified = 0,

    /// <summary>Internal operation.</summary>
    Internal = 1,

    /// <summary>Server side of a request.</summary>
    Server = 2,

    /// <summary>Client side of a request.</summary>
    Client = 3,

    /// <summary>Message producer.</summary>
    Producer = 4,

    /// <summary>Message consumer.</summary>
    Consumer = 5,
}

/// <summary>The kind of data a metric carries.</summary>
public enum OtlpMetricType
{
    /// <summary>No data.</summary>
    None,

    /// <summary>A gauge.</summary>
    Gauge,

    /// <summary>A sum (counter or up-down counter).</summary>
    Sum,

    /// <summary>An explicit-bucket histogram.</summary>
    Histogram,

    /// <summary>An exponential histogram.</summary>
    ExponentialHistogram,

    /// <summary>A summary.</summary>
    Summary,
}

/// <summary>A span as received.</summary>
/// <param name="Name">Span name.</param>
/// <param name="Kind">Span kind.</param>
/// <param name="TraceId">Trace id, lower-case hex.</param>
/// <param name="SpanId">Span id, lower-case hex.</param>
/// <param name="ParentSpanId">Parent span id, lower-case hex, or <see langword="null"/> for a root span.</param>
/// <param name="StartTime">Start time.</param>
/// <param name="EndTime">End time.</param>
/// <param name="Attributes">Span attributes.</param>
/// <param name="StatusCode">Status code: 0 unset, 1 ok, 2 error.</param>
/// <param name="StatusMessage">Status message, or <see langword="null"/>.</param>
/// <param name="ScopeName">Instrumentation scope (activity source) name.</param>
/// <param name="Resource">Attributes of the resource that emitted the span.</param>
public sealed record OtlpSpan(
    string Name,
    OtlpSpanKind Kind,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    OtlpAttributes Attributes,
    int StatusCode,
    string? StatusMessage,
    string ScopeName,
    OtlpAttributes Resource);

/// <summary>One data point of a metric. Which values are set depends on <see cref="OtlpMetric.Type"/>.</summary>
/// <param name="Attributes">Data-point attributes.</param>
/// <param name="Value">Gauge or sum value (integers converted to double).</param>
/// <param name="Count">Histogram or summary count.</param>
/// <param name="Sum">Histogram or summary sum.</param>
/// <param name="Time">Time of the data point.</param>
public sealed record OtlpDataPoint(
    OtlpAttributes Attributes,
    double? Value,
    ulong? Count,
    double? Sum,
    DateTimeOffset Time);

/// <summary>A metric as received (one per metric per export request).</summary>
/// <param name="Name">Instrument name, e.g. <c>http.server.request.duration</c>.</param>
/// <param name="Description">Description.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Type">Kind of data.</param>
/// <param name="DataPoints">Data points.</param>
/// <param name="ScopeName">Instrumentation scope (meter) name.</param>
/// <param name="Resource">Attributes of the resource that emitted the metric.</param>
public sealed record OtlpMetric(
    string Name,
    string Description,
    string Unit,
    OtlpMetricType Type,
    IReadOnlyList<OtlpDataPoint> DataPoints,
    string ScopeName,
    OtlpAttributes Resource);

/// <summary>A log record as received.</summary>
/// <param name="Body">Body as text (the formatted message for .NET ILogger logs when enabled), or <see langword="null"/>.</param>
/// <param name="SeverityNumber">OTLP severity number (9 = INFO, 13 = WARN, 17 = ERROR).</param>
/// <param name="SeverityText">Severity text, or <see langword="null"/>.</param>
/// <param name="EventName">Event name, or <see langword="null"/>.</param>
/// <param name="Attributes">Log attributes (message template arguments, scopes, …).</param>
/// <param name="TraceId">Trace id of the active span, lower-case hex, or <see langword="null"/>.</param>
/// <param name="SpanId">Span id of the active span, lower-case hex, or <see langword="null"/>.</param>
/// <param name="Timestamp">Time of the record (or observed time).</param>
/// <param name="ScopeName">Instrumentation scope name (the logger category for .NET).</param>
/// <param name="Resource">Attributes of the resource that emitted the record.</param>
public sealed record OtlpLogRecord(
    string? Body,
    int SeverityNumber,
    string? SeverityText,
    string? EventName,
    OtlpAttributes Attributes,
    string? TraceId,
    string? SpanId,
    DateTimeOffset Timestamp,
    string ScopeName,
    OtlpAttributes Resource);

/// <summary>One HTTP request the receiver accepted or rejected.</summary>
/// <param name="Path">Request path, e.g. <c>/v1/traces</c>.</param>
/// <param name="ContentType">Content type.</param>
/// <param name="Headers">Request headers (last value wins).</param>
/// <param name="StatusCode">Status code the receiver answered with.</param>
public sealed record OtlpRequestInfo(
    string Path,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    int StatusCode);
