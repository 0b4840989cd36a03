using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Platform.Patterns.RabbitMQ;

/// <summary>Publishes messages to the platform's durable queues.</summary>
public interface IPlatformMessagePublisher
{
    /// <summary>
    /// Publishes <paramref name="body"/> as a persistent message to the durable queue <paramref name="queue"/> (declared
    /// on first use) and returns when the broker confirmed it. Throws when the broker rejects or cannot route it, or is
    /// unreachable: the message is then not sent, and the caller decides whether to retry.
    /// </summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="body">The message body.</param>
    /// <param name="contentType">The content type, e.g. <c>application/json</c>.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <returns>The message id.</returns>
    Task<string> PublishAsync(string queue, ReadOnlyMemory<byte> body, string contentType = "application/json", CancellationToken cancellationToken = default);
}

/// <summary>
/// One channel with publisher confirms, shared by every caller (RabbitMQ.Client 7 serialises publishes on a channel and
/// tracks each confirm): a channel per message is the misuse the RabbitMQ docs warn about.
/// </summary>
internal sealed class PlatformMessagePublisher(PlatformRabbitMQConnector connector, PlatformMessagingTelemetry telemetry) : IPlatformMessagePublisher, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declared = new(StringComparer.Ordinal);
    private IChannel? _channel;

    public async Task<string> PublishAsync(string queue, ReadOnlyMemory<byte> body, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        var channel = await GetChannelAsync(cancellationToken).ConfigureAwait(false);
        if (!_declared.ContainsKey(queue))
        {
            await PlatformQueues.DeclareAsync(channel, queue, cancellationToken).ConfigureAwait(false);
            _declared[queue] = true;
        }

        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = Guid.NewGuid().ToString("N"),
            ContentType = contentType,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>(),
        };

        // mandatory: an unroutable message is returned and fails the publish instead of vanishing.
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body, cancellationToken).ConfigureAwait(false);
        telemetry.Published.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", queue));
        return properties.MessageId;
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsClosed: false } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_channel is { IsClosed: false } created)
            {
                return created;
            }

            // A channel closed by the broker (not by a connection outage, which recovery handles) is replaced. Before the
            // first connect (a publish right after start) this waits for it, at most PublishWait.
            var connection = await connector.WaitAsync(PlatformRabbitMQConnector.PublishWait, cancellationToken).ConfigureAwait(false);
            _channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken).ConfigureAwait(false);
            _declared.Clear();
            return _channel;
        }
        finally
        {
            _gate.Release();
        }
    }
}
