using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Patterns.RabbitMQ;

namespace PlatformWorker1.Tests;

/// <summary>The handler alone (the broker, acks and redelivery are the pattern's, tested there against a real RabbitMQ).</summary>
public sealed class ProductEventHandlerTests
{
    private readonly ProductEventHandler _handler = new(NullLogger<ProductEventHandler>.Instance);

    [Fact]
    public async Task A_product_event_is_handled()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ProductEvent(42, "price-changed"));

        await _handler.HandleAsync(new PlatformMessage(ProductEventHandler.Queue, "m-1", body, Redelivered: false), CancellationToken.None);
    }

    [Fact]
    public async Task A_body_that_is_not_a_product_event_throws_so_the_message_is_dead_lettered()
    {
        var body = Encoding.UTF8.GetBytes("not json");

        await Assert.ThrowsAnyAsync<JsonException>(() =>
            _handler.HandleAsync(new PlatformMessage(ProductEventHandler.Queue, "m-2", body, Redelivered: false), CancellationToken.None));
    }
}
