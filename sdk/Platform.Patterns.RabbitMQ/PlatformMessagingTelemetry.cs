using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Patterns.RabbitMQ;

/// <summary>
/// The platform's own messaging spans and metrics (RabbitMQ.Client adds its publish and deliver spans), and whether each
/// consumer is registered with the broker (the gauge, and the readiness check's Degraded).
/// </summary>
internal sealed class PlatformMessagingTelemetry
{
    /// <summary>Name of the activity source and meter.</summary>
    public const string Name = "Platform.Patterns.RabbitMQ";

    private static readonly ActivitySource Source = new(Name);

    private readonly ConcurrentQueue<(string Queue, Func<bool> Consuming)> _consumers = new();

    public PlatformMessagingTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Published = meter.CreateCounter<long>("messaging.client.sent.messages", unit: "{message}", description: "Messages published and confirmed by the broker.");
        Consumed = meter.CreateCounter<long>("messaging.client.consumed.messages", unit: "{message}", description: "Messages delivered to a handler.");
        ProcessDuration = meter.CreateHistogram<double>("messaging.process.duration", unit: "s", description: "Time a handler took per message.");
        meter.CreateObservableGauge(
            "platform.messaging.consumers.consuming",
            () => _consumers.GroupBy(c => c.Queue, StringComparer.Ordinal).Select(g => new Measurement<int>(
                g.Count(c => c.Consuming()),
                new KeyValuePair<string, object?>("messaging.destination.name", g.Key))),
            unit: "{consumer}",
            description: "Consumers registered with the broker per queue; lower than configured while a consumer sets up again after the broker closed its channel or cancelled it, or while the connection recovers.");
    }

    public Counter<long> Published { get; }

    public Counter<long> Consumed { get; }

    public Histogram<double> ProcessDuration { get; }

    /// <summary>Gets the queues with a consumer that is not registered with the broker right now.</summary>
    public IEnumerable<string> IdleQueues => _consumers.Where(c => !c.Consuming()).Select(c => c.Queue).Distinct(StringComparer.Ordinal);

    /// <summary>Adds a consumer to the gauge and the readiness check.</summary>
    /// <param name="queue">Its queue.</param>
    /// <param name="consuming">Whether it is registered with the broker now.</param>
    public void TrackConsumer(string queue, Func<bool> consuming) => _consumers.Enqueue((queue, consuming));

    public static Activity? StartProcess(string queue, ActivityContext parent, string? messageId)
    {
        var activity = Source.StartActivity(queue + " process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", queue);
        activity?.SetTag("messaging.message.id", messageId);
        return activity;
    }
}
