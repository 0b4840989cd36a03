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
    /// <param name="cancellationToken">Signals host shutdown.</param>
    /// <returns>A task that completes when the message is handled.</returns>
    Task HandleAsync(PlatformMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Consumes one durable queue with manual acknowledgements on its own channel. Everything happens in
/// <see cref="ExecuteAsync"/>, after host start: it waits for the connector's first connect, then RabbitMQ.Client's
/// topology recovery re-creates the channel and the consumer after a broker outage. A setup cut off by an outage is
/// retried.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var connection = await connector.Connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (!await TryConsumeAsync(connection, stoppingToken).ConfigureAwait(false))
            {
                await Task.Delay(SetupRetry, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    /// <summary>Opens the channel and consumes until the host stops; <see langword="false"/> when an outage cut the setup off.</summary>
    private async Task<bool> TryConsumeAsync(IConnection connection, CancellationToken stoppingToken)
    {
        IChannel? channel = null;
        try
        {
            channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            await PlatformQueues.DeclareAsync(channel, queue, stoppingToken).ConfigureAwait(false);
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, stoppingToken).ConfigureAwait(false);

            var consumer = new AsyncEventingBasicConsumer(channel);
            var open = channel;
            consumer.ReceivedAsync += (_, delivery) => HandleAsync(open, delivery, stoppingToken);
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, stoppingToken).ConfigureAwait(false);
            LogConsuming(queue);

            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            LogSetupFailed(ex, queue, SetupRetry.TotalSeconds);
            return false;
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        // RabbitMQ.Client's publisher wrote the trace context into the headers; the handler's span continues that trace.
        var parent = RabbitMQActivitySource.ContextExtractor(delivery.BasicProperties);
        using var activity = PlatformMessagingTelemetry.StartProcess(queue, parent, delivery.BasicProperties.MessageId);
        var message = new PlatformMessage(queue, delivery.BasicProperties.MessageId, delivery.Body.ToArray(), delivery.Redelivered);
        var started = Stopwatch.GetTimestamp();
        var destination = new KeyValuePair<string, object?>("messaging.destination.name", queue);
        telemetry.Consumed.Add(1, destination);

        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(message, stoppingToken).ConfigureAwait(false);
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            var requeue = !delivery.Redelivered;
            LogHandlerFailed(ex, queue, message.MessageId, requeue ? "requeued" : "dead-lettered");
            if (channel.IsOpen)
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            telemetry.ProcessDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, destination);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming queue {Queue}")]
    private partial void LogConsuming(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start consuming queue {Queue} (broker outage?); retrying in {Seconds} s")]
    private partial void LogSetupFailed(Exception exception, string queue, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler failed for a message of queue {Queue} (id {MessageId}); it was {Outcome}")]
    private partial void LogHandlerFailed(Exception exception, string queue, string? messageId, string outcome);
}
