using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Patterns.Redis;

/// <summary>
/// Creates the multiplexer (the client's synchronous connect, through Aspire's factory) on a thread of its own when it is
/// first needed: by the first readiness probe, which waits for it, or by the first code that resolves
/// <see cref="IConnectionMultiplexer"/>. Not on the startup path and not alongside the first liveness probes; with a
/// readiness probe, traffic arrives after it.
/// </summary>
internal sealed partial class PlatformRedisConnector(Func<IConnectionMultiplexer> create, ILogger<PlatformRedisConnector> logger)
    : IDisposable
{
    private readonly TaskCompletionSource<IConnectionMultiplexer> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private bool _resolved;

    /// <summary>Gets the multiplexer once it has been created (its connection then recovers by itself).</summary>
    public Task<IConnectionMultiplexer> Multiplexer => _created.Task;

    /// <summary>
    /// What <see cref="IConnectionMultiplexer"/> resolves to: the connect (started now unless a probe started it), waited
    /// for. The resolving thread waits on a task, which the thread pool makes up for with another thread, not on a lock,
    /// which it does not: with one CPU (a pod's limit) the connect's own continuations would otherwise find no thread
    /// for about half a second (bench/patterns.sh, BENCH_SERVER_CPUS=1). Concurrent resolvers still queue on the
    /// container's singleton lock (docs/patterns.md, Redis, Startup).
    /// </summary>
    /// <returns>The multiplexer.</returns>
    public IConnectionMultiplexer WaitForMultiplexer()
    {
        StartConnect();
        var multiplexer = _created.Task.GetAwaiter().GetResult();
        _resolved = true;
        return multiplexer;
    }

    public void Dispose()
    {
        // Once resolved, the container disposes it (it came from a factory); otherwise nobody else would.
        if (!_resolved && _created.Task.IsCompletedSuccessfully)
        {
            _created.Task.Result.Dispose();
        }
    }

    /// <summary>Starts the connect once; later calls do nothing.</summary>
    public void StartConnect()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            // A thread of its own, not a thread-pool one: the synchronous connect would hold one of the few pool threads
            // (as many as CPUs) that Kestrel needs to answer the first probes and requests.
            new Thread(Connect) { IsBackground = true, Name = "Platform Redis connect" }.Start();
        }
    }

    private void Connect()
    {
        try
        {
            var multiplexer = create();
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis multiplexer created (connected: {Connected})")]
    private partial void LogCreated(bool connected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the Redis multiplexer failed")]
    private partial void LogFailed(Exception exception);
}

/// <summary>
/// Readiness: starts the connect if nothing has yet, waits for it as long as the probe does (Kubernetes gives it
/// <c>timeoutSeconds</c>, the check <see cref="Platform.ServiceDefaults.PlatformDependencies.ReadinessCheckTimeout"/>), then PINGs.
/// </summary>
internal sealed class PlatformRedisReadinessCheck(PlatformRedisConnector connector) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        connector.StartConnect();
        IConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await connector.Multiplexer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Redis: still connecting.");
        }
        catch (Exception ex) when (ex is RedisException or InvalidOperationException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("Redis: the multiplexer could not be created.", ex);
        }

        try
        {
            await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Redis: PING failed.", ex);
        }
    }
}
