using RabbitMQ.Client;

namespace Platform.Patterns.RabbitMQ;

/// <summary>How the platform declares a queue: durable, shared, with a durable dead-letter queue beside it.</summary>
public static class PlatformQueues
{
    /// <summary>Suffix of the dead-letter queue of a queue.</summary>
    public const string DeadLetterSuffix = ".dead-letter";

    /// <summary>
    /// Declares <paramref name="queue"/> (durable, not exclusive, not auto-deleted; rejected messages go to
    /// <c>&lt;queue&gt;.dead-letter</c>) and its dead-letter queue. Idempotent; publisher and consumer both call it, so a
    /// message published before the consumer ever ran is kept.
    /// </summary>
    /// <param name="channel">An open channel.</param>
    /// <param name="queue">The queue name.</param>
    /// <param name="cancellationToken">Cancels the declaration.</param>
    /// <returns>A task that completes when the broker confirmed both declarations.</returns>
    public static async Task DeclareAsync(IChannel channel, string queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var deadLetter = queue + DeadLetterSuffix;
        await channel.QueueDeclareAsync(deadLetter, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-dead-letter-routing-key"] = deadLetter,
        };
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
