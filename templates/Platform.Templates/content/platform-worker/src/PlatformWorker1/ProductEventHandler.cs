using System.Text.Json;
using Platform.Patterns.RabbitMQ;

namespace PlatformWorker1;

/// <summary>An event about a product, as platform-api --messaging rabbitmq publishes it (JSON).</summary>
public sealed record ProductEvent(int ProductId, string Kind);

/// <summary>
/// Handles each message of the durable queue "product-events" in its own DI scope: the message is acknowledged when
/// this returns, requeued once when it throws, then moved to "product-events.dead-letter" (docs/patterns.md).
/// </summary>
public sealed partial class ProductEventHandler(ILogger<ProductEventHandler> logger) : IPlatformMessageHandler
{
    /// <summary>The queue this worker consumes.</summary>
    public const string Queue = "product-events";

    /// <inheritdoc />
    public Task HandleAsync(PlatformMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);

        // A body that is not a product event throws: after one redelivery it goes to the dead-letter queue.
        var productEvent = JsonSerializer.Deserialize<ProductEvent>(message.Body.Span)
            ?? throw new JsonException($"Message {message.MessageId} on {message.Queue} has no product event.");
        LogHandled(productEvent.ProductId, productEvent.Kind, message.MessageId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProductId} event {Kind} handled (message {MessageId})")]
    private partial void LogHandled(int productId, string kind, string? messageId);
}
