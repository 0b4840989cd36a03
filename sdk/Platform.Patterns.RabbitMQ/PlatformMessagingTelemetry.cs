using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Patterns.RabbitMQ;

/// <summary>The platform's own messaging spans and metrics (RabbitMQ.Client adds its publish and deliver spans).</summary>
internal sealed class PlatformMessagingTelemetry
{
    /// <summary>Name of the activity source and meter.</summary>
    public const string Name = "Platform.Patterns.RabbitMQ";

    private static readonly ActivitySource Source = new(Name);

    public PlatformMessagingTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Published = meter.CreateCounter<long>("messaging.client.sent.messages", unit: "{message}", description: "Messages published and confirmed by the broker.");
        Consumed = meter.CreateCounter<long>("messaging.client.consumed.messages", unit: "{message}", description: "Messages delivered to a handler.");
        ProcessDuration = meter.CreateHistogram<double>("messaging.process.duration", unit: "s", description: "Time a handler took per message.");
    }

    public Counter<long> Published { get; }

    public Counter<long> Consumed { get; }

    public Histogram<double> ProcessDuration { get; }

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
