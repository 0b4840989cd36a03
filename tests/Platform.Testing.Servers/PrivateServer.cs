using System.Diagnostics;

namespace Platform.Testing.Servers;

/// <summary>
/// What the private servers share: a temp directory, a port on 127.0.0.1, one server process that can be stopped and
/// started again on the same port and data, and a first start that removes everything again when it fails.
/// </summary>
public abstract class PrivateServer : IAsyncDisposable
{
    private readonly int _stopSignal;
    private readonly TimeSpan _stopGrace;

    /// <summary>Initializes a server that is not started yet.</summary>
    /// <param name="workDirectory">Its temp directory (deleted on dispose).</param>
    /// <param name="port">Its port on 127.0.0.1.</param>
    /// <param name="stopSignal">The polite signal that stops the process (<see cref="ServerProcess.SigTerm"/>, <see cref="ServerProcess.SigInt"/>).</param>
    /// <param name="stopGrace">How long the process may take to exit before SIGKILL.</param>
    protected PrivateServer(string workDirectory, int port, int stopSignal, TimeSpan stopGrace)
    {
        WorkDirectory = workDirectory;
        Port = port;
        _stopSignal = stopSignal;
        _stopGrace = stopGrace;
    }

    /// <summary>Gets the TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets how long the first start took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Gets the server's PID (0 when stopped).</summary>
    public virtual int Pid => Running is { HasExited: false } process ? process.Pid : 0;

    /// <summary>Gets the temp directory holding the server's data.</summary>
    protected string WorkDirectory { get; }

    /// <summary>Gets the running server process, or <see langword="null"/> when stopped.</summary>
    protected ServerProcess? Running { get; private set; }

    /// <summary>Stops the server (by PID); its data stays for <see cref="RestartAsync"/>.</summary>
    /// <returns>A task that completes when it exited.</returns>
    public async Task StopAsync()
    {
        if (Running is { } process)
        {
            Running = null;
            await StopProcessAsync(process).ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts the server again on the same port and data.</summary>
    /// <returns>A task that completes when it accepts connections.</returns>
    public Task RestartAsync() => Running is null ? StartProcessAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await DisposeHelpersAsync().ConfigureAwait(false);
        ServerBinaries.TryDeleteDirectory(WorkDirectory);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs a server's first start: refuses with <paramref name="skipReason"/> when its binary is missing, times the
    /// start, and disposes the half-started server (processes stopped, directory deleted) when it fails.
    /// </summary>
    /// <typeparam name="T">The server type.</typeparam>
    /// <param name="skipReason">Why the server cannot run here, or <see langword="null"/>.</param>
    /// <param name="create">Creates the server (its directory and ports).</param>
    /// <param name="start">Prepares and starts it.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ServerStartException">The binary is missing, or the server did not start.</exception>
    protected static async Task<T> StartNewAsync<T>(string? skipReason, Func<T> create, Func<T, Task> start)
        where T : PrivateServer
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(start);
        if (skipReason is { } reason)
        {
            throw new ServerStartException(reason);
        }

        var watch = Stopwatch.StartNew();
        var server = create();
        try
        {
            await start(server).ConfigureAwait(false);
            server.StartTime = watch.Elapsed;
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the server process (through <see cref="RunAsync"/>) on <see cref="Port"/> and <see cref="WorkDirectory"/>.</summary>
    /// <returns>A task that completes when it accepts connections.</returns>
    protected abstract Task StartProcessAsync();

    /// <summary>Keeps <paramref name="process"/> as the running server (so a failed start still stops it) and waits until <paramref name="ready"/>.</summary>
    /// <param name="process">The started process.</param>
    /// <param name="ready">The readiness check.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="what">The server, for the message.</param>
    /// <returns>A task that completes when ready.</returns>
    protected Task RunAsync(ServerProcess process, Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(process);
        Running = process;
        return process.WaitUntilAsync(ready, timeout, what);
    }

    /// <summary>Stops the server process; by default with the constructor's signal and grace period.</summary>
    /// <param name="process">The process.</param>
    /// <returns>A task that completes when it exited.</returns>
    protected virtual Task StopProcessAsync(ServerProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return process.StopAsync(_stopSignal, _stopGrace);
    }

    /// <summary>Stops helper processes (RabbitMQ's epmd) after the server; none by default.</summary>
    /// <returns>A task that completes when they exited.</returns>
    protected virtual ValueTask DisposeHelpersAsync() => ValueTask.CompletedTask;
}
