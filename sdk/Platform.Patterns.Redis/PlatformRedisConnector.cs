using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Patterns.Redis;

/// <summary>
/// Creates the multiplexer (the client's synchronous connect) on a thread-pool thread once the host has started: not on
/// the startup path, and not inside the first requests, which would each block a thread on it. Until it is connected the
/// readiness check fails, so no traffic is routed to the pod while it connects.
/// </summary>
internal sealed partial class PlatformRedisConnector(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<PlatformRedisConnector> logger)
    : IHostedService
{
    private readonly TaskCompletionSource<IConnectionMultiplexer> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the multiplexer once it has been created (its connection then recovers by itself).</summary>
    public Task<IConnectionMultiplexer> Multiplexer => _created.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(Connect, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Connect()
    {
        try
        {
            var multiplexer = services.GetRequiredService<IConnectionMultiplexer>();
            _created.TrySetResult(multiplexer);
            LogCreated(multiplexer.IsConnected);
        }
        catch (Exception ex) when (ex is RedisException or InvalidOperationException or ObjectDisposedException)
        {
            // abortConnect=false: an unreachable server is not an exception; this is a configuration or shutdown problem.
            _created.TrySetException(ex);
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis multiplexer created after startup (connected: {Connected})")]
    private partial void LogCreated(bool connected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the Redis multiplexer after startup failed")]
    private partial void LogFailed(Exception exception);
}

/// <summary>
/// Readiness: unhealthy while the multiplexer is still being created (without waiting for it, so the probe answers at
/// once), then a PING. Aspire's own check would block the probe on the connect in progress.
/// </summary>
internal sealed class PlatformRedisReadinessCheck(PlatformRedisConnector connector) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var created = connector.Multiplexer;
        if (!created.IsCompleted)
        {
            return HealthCheckResult.Unhealthy("Redis: still connecting after startup.");
        }

        if (!created.IsCompletedSuccessfully)
        {
            return HealthCheckResult.Unhealthy("Redis: the multiplexer could not be created.", created.Exception);
        }

        try
        {
            await created.Result.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Redis: PING failed.", ex);
        }
    }
}
