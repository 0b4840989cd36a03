using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Platform.Patterns.RabbitMQ;

/// <summary>A message delivered to an <see cref="IPlatformMessageHandler"/>.</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">The publisher's message id, if any.</param>
/// <param name="Body">The body (a copy: it stays valid after the handler returns).</param>
/// <param name="Redelivered">Whether the broker delivered it before (a previous attempt failed or was cut off).</param>
public sealed record PlatformMessage(string Queue, string? MessageId, ReadOnlyMemory<byte> Body, bool Redelivered);

/// <summary>Handles the messages of one queue (see <c>AddPlatformMessageConsumer</c>).</summary>
public interface IPlatformMessageHandler
{
    /// <summary>Handles one message. Return to acknowledge it; throw to have it requeued once, then dead-lettered.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">
    /// Signals host shutdown, or that the message's channel closed (a broker outage, or the broker's
    /// <c>consumer_timeout</c>): the broker then delivers the message again, so stop.
    /// </param>
    /// <returns>A task that completes when the message is handled.</returns>
    Task HandleAsync(PlatformMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Consumes one durable queue with manual acknowledgements on its own channel. Everything happens in
/// <see cref="ExecuteAsync"/>, after host start: it waits for the connector's first connect, then consumes until the
/// host stops. After a broker outage RabbitMQ.Client's topology recovery re-creates the channel and the consumer; what
/// that recovery does not cover (the broker closing only this channel, e.g. its <c>consumer_timeout</c>, or cancelling
/// the consumer because the queue was deleted) ends the channel here and the setup runs again. A setup cut off by an
/// outage is retried.
/// </summary>
/// <typeparam name="THandler">The handler type.</typeparam>
internal sealed partial class PlatformMessageConsumer<THandler>(
    string queue,
    ushort prefetch,
    PlatformRabbitMQConnector connector,
    IServiceScopeFactory scopes,
    PlatformMessagingTelemetry telemetry,
    ILogger<PlatformMessageConsumer<THandler>> logger) : BackgroundService
    where THandler : class, IPlatformMessageHandler
{
    private static readonly TimeSpan SetupRetry = TimeSpan.FromSeconds(2);

    private volatile QueueConsumer? _consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        telemetry.TrackConsumer(queue, () => _consumer?.IsRunning == true);
        try
        {
            var connection = await connector.Connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (true)
            {
                await ConsumeUntilLostAsync(connection, stoppingToken).ConfigureAwait(false);
                await Task.Delay(SetupRetry, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    /// <summary>Opens the channel and consumes until the broker ends that channel or consumer, or the host stops.</summary>
    private async Task ConsumeUntilLostAsync(IConnection connection, CancellationToken stoppingToken)
    {
        IChannel? channel = null;
        try
        {
            channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken).ConfigureAwait(false);

            // Completes with the broker's reason when it closes the channel, with null when it cancels the consumer.
            // Raised on the client's frame loop, so only signalled there. A connection outage closes the channel too,
            // but the connection is then closed and automatic recovery takes over.
            var lost = new TaskCompletionSource<ShutdownEventArgs?>(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ChannelShutdownAsync += (_, reason) =>
            {
                if (reason.Initiator != ShutdownInitiator.Application && connection.IsOpen)
                {
                    lost.TrySetResult(reason);
                }

                return Task.CompletedTask;
            };

            await PlatformQueues.DeclareAsync(channel, queue, stoppingToken).ConfigureAwait(false);
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, stoppingToken).ConfigureAwait(false);
            var consumer = new QueueConsumer(this, channel, () => lost.TrySetResult(null), stoppingToken);
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, stoppingToken).ConfigureAwait(false);
            _consumer = consumer;
            LogConsuming(queue);

            if (await lost.Task.WaitAsync(stoppingToken).ConfigureAwait(false) is { } closed)
            {
                LogChannelClosed(queue, closed.ReplyCode, closed.ReplyText, SetupRetry.TotalSeconds);
            }
            else
            {
                LogConsumerCancelled(queue, SetupRetry.TotalSeconds);
            }
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            LogSetupFailed(ex, queue, SetupRetry.TotalSeconds);
        }
        finally
        {
            // Also ends the client's record of a channel the broker cancelled the consumer of, so a later connection
            // recovery does not bring that consumer back next to the new one.
            if (channel is not null)
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, ulong deliveryTag, bool redelivered, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken channelClosed, CancellationToken stoppingToken)
    {
        // RabbitMQ.Client's publisher wrote the trace context into the headers; the handler's span continues that trace.
        using var activity = PlatformMessagingTelemetry.StartProcess(queue, RabbitMQActivitySource.ContextExtractor(properties), properties.MessageId);
        var message = new PlatformMessage(queue, properties.MessageId, body.ToArray(), redelivered);
        var started = Stopwatch.GetTimestamp();
        var destination = new KeyValuePair<string, object?>("messaging.destination.name", queue);
        telemetry.Consumed.Add(1, destination);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, channelClosed);
        Exception? failure = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(message, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Host shutdown or a closed channel: unacknowledged, so the broker delivers it again.
            activity?.SetStatus(ActivityStatusCode.Error, "canceled");
            return;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            failure = ex;
        }
        finally
        {
            telemetry.ProcessDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, destination);
        }

        try
        {
            if (failure is null)
            {
                await channel.BasicAckAsync(deliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                var requeue = !redelivered;
                LogHandlerFailed(failure, queue, message.MessageId, requeue ? "requeued" : "dead-lettered");
                await channel.BasicNackAsync(deliveryTag, multiple: false, requeue, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is AlreadyClosedException or ObjectDisposedException)
        {
            LogSettleLost(queue, message.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming queue {Queue}")]
    private partial void LogConsuming(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start consuming queue {Queue} (broker outage?); retrying in {Seconds} s")]
    private partial void LogSetupFailed(Exception exception, string queue, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker closed the channel consuming queue {Queue}: {ReplyCode} {ReplyText}; consuming again in {Seconds} s")]
    private partial void LogChannelClosed(string queue, ushort replyCode, string replyText, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker cancelled the consumer of queue {Queue} (queue deleted?); declaring it and consuming again in {Seconds} s")]
    private partial void LogConsumerCancelled(string queue, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler failed for a message of queue {Queue} (id {MessageId}); it was {Outcome}")]
    private partial void LogHandlerFailed(Exception exception, string queue, string? messageId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The channel of queue {Queue} closed before message {MessageId} was settled; the broker delivers it again")]
    private partial void LogSettleLost(string queue, string? messageId);

    /// <summary>Hands deliveries to <see cref="HandleAsync"/> and reports a cancel sent by the broker (not one the pattern asked for).</summary>
    private sealed class QueueConsumer(PlatformMessageConsumer<THandler> owner, IChannel channel, Action cancelledByBroker, CancellationToken stoppingToken)
        : AsyncDefaultBasicConsumer(channel)
    {
        // cancellationToken is the client's: canceled when this channel shuts down.
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
            => owner.HandleAsync(Channel, deliveryTag, redelivered, properties, body, cancellationToken, stoppingToken);

        public override async Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
        {
            await base.HandleBasicCancelAsync(consumerTag, cancellationToken).ConfigureAwait(false);
            cancelledByBroker();
        }
    }
}
