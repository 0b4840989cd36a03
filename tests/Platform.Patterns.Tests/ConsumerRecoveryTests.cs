using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Patterns.RabbitMQ;
using Platform.ServiceDefaults;
using Platform.Testing.Otlp;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Patterns.Tests;

/// <summary>
/// The consumer where RabbitMQ.Client's automatic recovery does not help, with the connection open: the broker cancels
/// the consumer (its queue was deleted) or closes only its channel (the delivery-acknowledgement timeout). The consumer
/// count is read from the broker; readiness says Degraded (200) meanwhile.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ConsumerRecoveryTests(ServersFixture servers, ITestOutputHelper output)
{
    private const string Check = "RabbitMQ.Client";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Consumer_declares_its_deleted_queue_again_and_consumes_it()
    {
        servers.RequireAll();
        const string queue = "order-created-queue-deleted";
        await using var service = await PatternService.StartAsync(PatternService.Settings(servers, "postgres"), queue, consume: true);
        var publisher = service.App.Services.GetRequiredService<IPlatformMessagePublisher>();
        Assert.True(await WaitForConsumersAsync(queue, 1), "the consumer did not start");
        var watch = Stopwatch.StartNew();

        await using (var admin = await ConnectAsync())
        await using (var channel = await admin.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync(queue);
        }

        // Readiness stays 200 (the pod keeps its HTTP traffic) but says Degraded until the consumer is back.
        Assert.True(await service.WaitForCheckAsync(Check, HealthStatus.Degraded, Wait), "readiness did not say Degraded while the consumer was gone");
        using (var ready = await service.Client.GetAsync(PlatformHealthChecks.ReadyPath))
        {
            Assert.Equal((200, "Degraded"), ((int)ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        }

        Assert.True(await WaitForConsumersAsync(queue, 1), "the consumer did not declare its queue and consume again");
        output.WriteLine($"consuming again {watch.ElapsedMilliseconds} ms after the queue was deleted");

        var messageId = await publisher.PublishAsync(queue, "1"u8.ToArray());
        Assert.Single(await service.Handled.WaitForAsync(m => m.MessageId == messageId, Wait));
        Assert.True(await service.WaitForCheckAsync(Check, HealthStatus.Healthy, Wait), "readiness did not turn Healthy again");
        Assert.Equal(1, await ConsumersAsync(queue));

        // What an operator sees at the OTLP receiver: the gauge at 0, then 1 again, and one warning.
        await servers.Receiver.WaitForAsync(r => GaugeValues(r, queue).SkipWhile(v => v != 0).Contains(1), Wait);
        var warning = await WarningAsync(queue);
        Assert.Contains("cancelled the consumer", warning.Body ?? warning.Attributes.GetString("{OriginalFormat}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Consumer_resumes_after_the_broker_closes_its_channel_and_a_message_published_meanwhile_is_handled_once()
    {
        servers.RequireAll();
        const string queue = "order-created-channel-closed";
        var rabbit = servers.RabbitMq!;

        // A channel reads consumer_timeout when it opens: only the consumer's first channel gets 1 s.
        var previous = (await rabbit.CtlAsync("eval", "{ok, T} = application:get_env(rabbit, consumer_timeout), application:set_env(rabbit, consumer_timeout, 1000), T.")).Trim();
        var restored = false;
        async Task RestoreTimeoutAsync()
        {
            if (!restored)
            {
                restored = true;
                await rabbit.CtlAsync("eval", $"application:set_env(rabbit, consumer_timeout, {previous}).");
            }
        }

        try
        {
            await using var service = await PatternService.StartAsync(PatternService.Settings(servers, "postgres"), queue, consume: true);
            Assert.True(await WaitForConsumersAsync(queue, 1), "the consumer did not start");
            await RestoreTimeoutAsync();
            var publisher = service.App.Services.GetRequiredService<IPlatformMessagePublisher>();

            // A handler slower than consumer_timeout: the broker closes the channel (406 PRECONDITION_FAILED), the
            // connection stays open, the handler's token fires, and the unacknowledged message goes back to the queue.
            service.Handled.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var slow = await publisher.PublishAsync(queue, "slow"u8.ToArray());
            Assert.Single(await service.Handled.WaitForAsync(m => m.MessageId == slow, Wait));
            Assert.True(await service.WaitForCheckAsync(Check, HealthStatus.Degraded, Wait), "the broker did not close the consumer's channel, or readiness did not say Degraded");
            Assert.Contains(slow, service.Handled.Canceled);
            service.Handled.Hold = null;

            var meanwhile = await publisher.PublishAsync(queue, "meanwhile"u8.ToArray());
            Assert.True(0 == await ConsumersAsync(queue), "the message was not published while the consumer was down");

            Assert.Single(await service.Handled.WaitForAsync(m => m.MessageId == meanwhile, Wait));
            Assert.Equal([false, true], service.Handled.Items.Where(i => i.Message.MessageId == slow).Select(i => i.Message.Redelivered).ToArray());
            Assert.Equal(1, await ConsumersAsync(queue));

            // A connection outage after that is still the client's to recover: the channel the broker closed is not
            // brought back beside the new one.
            await rabbit.CtlAsync("close_all_connections", "platform test: connection outage");
            Assert.True(await service.WaitForCheckAsync(Check, HealthStatus.Unhealthy, Wait), "readiness did not see the connection close");
            Assert.True(await service.WaitForCheckAsync(Check, HealthStatus.Healthy, Wait), "the client did not recover the connection and the consumer");
            var after = await publisher.PublishAsync(queue, "after"u8.ToArray());
            Assert.Single(await service.Handled.WaitForAsync(m => m.MessageId == after, Wait));
            Assert.Single(service.Handled.Items, i => i.Message.MessageId == meanwhile);
            Assert.Equal(1, await ConsumersAsync(queue));
            Assert.Equal("406", (await WarningAsync(queue)).Attributes.GetString("ReplyCode"));
        }
        finally
        {
            await RestoreTimeoutAsync();
        }
    }

    private static IEnumerable<double?> GaugeValues(OtlpReceiver receiver, string queue)
        => receiver.Metrics.Where(m => m.Name == "platform.messaging.consumers.consuming")
            .SelectMany(m => m.DataPoints)
            .Where(p => p.Attributes.GetString("messaging.destination.name") == queue)
            .OrderBy(p => p.Time)
            .Select(p => p.Value);

    /// <summary>The consumer's one warning about <paramref name="queue"/> at the OTLP receiver.</summary>
    private async Task<OtlpLogRecord> WarningAsync(string queue)
    {
        static bool IsWarning(OtlpLogRecord log, string queue) => log.SeverityNumber == 13 && log.Attributes.GetString("Queue") == queue;
        await servers.Receiver.WaitForLogAsync(l => IsWarning(l, queue), Wait);
        var warning = Assert.Single(servers.Receiver.Logs, l => IsWarning(l, queue));
        output.WriteLine($"{warning.ScopeName}: {warning.Attributes}");
        return warning;
    }

    private Task<IConnection> ConnectAsync()
        => new ConnectionFactory { Uri = new Uri(servers.RabbitMq!.ConnectionString), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();

    /// <summary>The broker's consumer count of <paramref name="queue"/>; -1 when the queue does not exist.</summary>
    private async Task<int> ConsumersAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (int)(await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return -1;
        }
    }

    private async Task<bool> WaitForConsumersAsync(string queue, int count)
    {
        var watch = Stopwatch.StartNew();
        while (await ConsumersAsync(queue) != count)
        {
            if (watch.Elapsed > Wait)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
