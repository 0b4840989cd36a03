using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Testing.Servers;

/// <summary>A private Redis 7 (Debian's <c>redis-server</c>) on 127.0.0.1 and a free port, no persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private ServerProcess? _process;

    private RedisServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    /// <summary>Gets the TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets the server's PID (0 when stopped).</summary>
    public int Pid => _process is { HasExited: false } p ? p.Pid : 0;

    /// <summary>Gets how long the first start took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Gets the StackExchange.Redis configuration string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Gets the reason Redis cannot run here, or <see langword="null"/>.</summary>
    public static string? SkipReason => ServerBinaries.RedisServer is null
        ? "redis-server is not installed (apt-get install redis-server; tests/Platform.Testing.Servers/install-servers.sh)"
        : null;

    /// <summary>Starts a server.</summary>
    /// <returns>The running server.</returns>
    public static async Task<RedisServer> StartAsync()
    {
        if (SkipReason is { } reason)
        {
            throw new ServerStartException(reason);
        }

        var watch = Stopwatch.StartNew();
        var server = new RedisServer(Directory.CreateTempSubdirectory("platform-redis-").FullName, ServerProcess.FreeLoopbackPort());
        try
        {
            await server.StartProcessAsync();
            server.StartTime = watch.Elapsed;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when it exited.</returns>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync(ServerProcess.SigTerm, TimeSpan.FromSeconds(10));
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts the server again on the same port.</summary>
    /// <returns>A task that completes when it answers PING.</returns>
    public Task RestartAsync() => _process is null ? StartProcessAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        ServerBinaries.TryDeleteDirectory(_directory);
    }

    private async Task StartProcessAsync()
    {
        var process = ServerProcess.Start(
            ServerBinaries.RedisServer!,
            [
                "--port", Port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", _directory,
                "--save", string.Empty,
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "no",
            ],
            workingDirectory: _directory);
        _process = process;
        await process.WaitUntilAsync(PingAsync, TimeSpan.FromSeconds(30), "redis-server");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"), cts.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
