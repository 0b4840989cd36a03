using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Patterns.RabbitMQ;

/// <summary>
/// Opens the service's one connection in the background, after the host started: neither host start nor liveness waits
/// for the broker. RabbitMQ.Client's automatic recovery only covers a connection that was once open, so the first
/// connect is retried here (1 s, doubling, at most every 15 s) until it succeeds; after that the client recovers the
/// connection, channels, queues and consumers by itself. Readiness is 503 until connected.
/// </summary>
internal sealed partial class PlatformRabbitMQConnector(IConnectionFactory factory, ILogger<PlatformRabbitMQConnector> logger)
    : BackgroundService, IAsyncDisposable
{
    /// <summary>How long a publish made before the first connect waits for it before failing.</summary>
    internal static readonly TimeSpan PublishWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource<IConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the connection once it is open (it then recovers by itself); canceled when the host stops first.</summary>
    public Task<IConnection> Connection => _connected.Task;

    /// <summary>Waits up to <paramref name="wait"/> for the first connect.</summary>
    /// <param name="wait">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="BrokerUnreachableException">Not connected within <paramref name="wait"/>.</exception>
    public async Task<IConnection> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            return await _connected.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new BrokerUnreachableException(new TimeoutException($"RabbitMQ: not connected within {wait.TotalSeconds:0} s of asking (the broker is unreachable; the service keeps retrying).", ex));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var retry = FirstRetry;
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(stoppingToken).ConfigureAwait(false);
                _connected.TrySetResult(connection);
                LogConnected(attempt);
                return;
            }
            catch (BrokerUnreachableException ex)
            {
                LogUnreachable(ex, attempt, retry.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Not an unreachable broker (e.g. a factory setting the client rejects): no retry fixes it. Whoever waits
                // for the connection gets the error; the host stops, as for any failed background service.
                _connected.TrySetException(ex);
                throw;
            }

            try
            {
                await Task.Delay(retry, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }

        _connected.TrySetCanceled(stoppingToken);
    }

    // The host stops it after the consumers (registered later, stopped earlier): close the connection while the host
    // waits, not in a synchronous Dispose.
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_connected.Task.IsCompletedSuccessfully)
        {
            await _connected.Task.Result.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connected.Task.IsCompletedSuccessfully)
        {
            await _connected.Task.Result.DisposeAsync().ConfigureAwait(false);
        }

        Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ connected (attempt {Attempt})")]
    private partial void LogConnected(int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ unreachable (attempt {Attempt}); retrying in {Seconds} s")]
    private partial void LogUnreachable(Exception exception, int attempt, double seconds);
}

/// <summary>
/// Readiness: unhealthy at once while the first connect is pending (the probe never waits for it), then whether the
/// connection is open (closed while RabbitMQ.Client recovers it after a broker outage). A consumer that is not consuming
/// while the connection is open (it sets up again after the broker closed its channel or cancelled it) is Degraded:
/// still 200, so an HTTP pod stays in rotation (see docs/patterns.md).
/// </summary>
internal sealed class PlatformRabbitMQReadinessCheck(PlatformRabbitMQConnector connector, PlatformMessagingTelemetry telemetry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = connector.Connection;
        return Task.FromResult(
            !connection.IsCompletedSuccessfully ? HealthCheckResult.Unhealthy("RabbitMQ: not connected yet.")
            : !connection.Result.IsOpen ? HealthCheckResult.Unhealthy("RabbitMQ: connection lost, recovering: " + connection.Result.CloseReason?.ReplyText)
            : telemetry.IdleQueues.ToArray() is [_, ..] idle ? HealthCheckResult.Degraded("RabbitMQ: not consuming " + string.Join(", ", idle) + " (setting up again).")
            : HealthCheckResult.Healthy());
    }
}
