using System.Text.Json;
using Platform.Patterns.RabbitMQ;

namespace PlatformApi1;

/// <summary>The body of POST /events, published as JSON.</summary>
public sealed record ProductEvent(int ProductId, string Kind);

/// <summary>
/// POST /events: publishes to the durable queue "product-events" with publisher confirms (ConnectionStrings:messaging).
/// It answers 202 once the broker confirmed the message; a consumer (platform-worker --messaging rabbitmq) handles it.
/// </summary>
internal static class Events
{
    public const string Queue = "product-events";

    public static void MapEvents(this WebApplication app)
    {
        app.MapPost("/events", async (ProductEvent productEvent, IPlatformMessagePublisher publisher, CancellationToken cancellationToken) =>
        {
            var messageId = await publisher.PublishAsync(Queue, JsonSerializer.SerializeToUtf8Bytes(productEvent), cancellationToken: cancellationToken);
            return Results.Accepted(value: new { messageId });
        });
    }
}
