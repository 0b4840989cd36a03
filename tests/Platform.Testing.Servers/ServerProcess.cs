using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Platform.Testing.Containers;

namespace Platform.Testing.Servers;

/// <summary>One child process of a private server: its output kept for diagnostics, stopped by PID (never by name).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to disconnect).</summary>
    public const int SigInt = ProcessKiller.SIGINT;

    /// <summary>SIGTERM: the normal stop of Redis, epmd and the Erlang VM.</summary>
    public const int SigTerm = ProcessKiller.SIGTERM;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Gets the process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Gets whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets the last 4 000 characters of the process's output.</summary>
    public string OutputTail
    {
        get
        {
            lock (_gate)
            {
                var text = _output.ToString();
                return text.Length <= 4000 ? text : text[^4000..];
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with its output captured.</summary>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <returns>The started process.</returns>
    public static ServerProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs a short command to completion (Platform.Testing.Containers' runner) and returns its exit code and output.</summary>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <returns>The exit code (-1 on timeout) and the combined output.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(fileName, arguments, timeout, Path.GetTempPath(), environment).ConfigureAwait(false);
            return (result.ExitCode, result.StandardOutput + result.StandardError);
        }
        catch (TimeoutException ex)
        {
            return (-1, ex.Message);
        }
    }

    /// <summary>Gets a free TCP port on 127.0.0.1.</summary>
    /// <returns>The port.</returns>
    public static int FreeLoopbackPort() => LoopbackPort.Free();

    /// <summary>Gets whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> when a connection succeeded.</returns>
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="ready"/> until it holds, the process exits, or <paramref name="timeout"/> passes.</summary>
    /// <param name="ready">The readiness check.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">The server, for the message.</param>
    /// <returns>A task that completes when ready.</returns>
    /// <exception cref="ServerStartException">The process exited or did not become ready in time.</exception>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await ready().ConfigureAwait(false))
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new ServerStartException($"{what} exited with code {_process.ExitCode} while starting. Output:\n{OutputTail}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new ServerStartException($"{what} was not ready within {timeout}. Output:\n{OutputTail}");
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>, waits up to <paramref name="grace"/>, then SIGKILL.</summary>
    /// <param name="pid">The process to stop.</param>
    /// <param name="signal">The polite signal.</param>
    /// <param name="grace">How long to wait for it.</param>
    /// <returns>A task that completes when the process is gone.</returns>
    public static Task StopPidAsync(int pid, int signal, TimeSpan grace) => ProcessKiller.StopAsync(pid, grace, signal);

    /// <summary>Stops this process (see <see cref="StopPidAsync"/>) and waits for it.</summary>
    /// <param name="signal">The polite signal.</param>
    /// <param name="grace">How long to wait for it.</param>
    /// <returns>A task that completes when the process is gone.</returns>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            await StopPidAsync(_process.Id, signal, grace).ConfigureAwait(false);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Already killed; the runtime reaps it.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(SigTerm, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
            if (_output.Length > 64_000)
            {
                _output.Remove(0, _output.Length - 16_000);
            }
        }
    }
}

/// <summary>A private server could not be started; the message holds its output.</summary>
/// <param name="message">What happened.</param>
public sealed class ServerStartException(string message) : Exception(message);
