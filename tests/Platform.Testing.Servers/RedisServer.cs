using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Testing.Servers;

/// <summary>A private Redis 7 (Debian's <c>redis-server</c>) on 127.0.0.1 and a free port, no persistence.</summary>
public sealed class RedisServer : PrivateServer
{
    private RedisServer(string directory, int port)
        : base(directory, port, ServerProcess.SigTerm, TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>Gets the StackExchange.Redis configuration string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Gets the reason Redis cannot run here, or <see langword="null"/>.</summary>
    public static string? SkipReason => ServerBinaries.RedisServer is null
        ? "redis-server is not installed (apt-get install redis-server; tests/Platform.Testing.Servers/install-servers.sh)"
        : null;

    /// <summary>Starts a server.</summary>
    /// <returns>The running server.</returns>
    public static Task<RedisServer> StartAsync() => StartNewAsync(
        SkipReason,
        () => new RedisServer(Directory.CreateTempSubdirectory("platform-redis-").FullName, ServerProcess.FreeLoopbackPort()),
        server => server.StartProcessAsync());

    /// <inheritdoc />
    protected override Task StartProcessAsync()
    {
        var process = ServerProcess.Start(
            ServerBinaries.RedisServer!,
            [
                "--port", Port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", WorkDirectory,
                "--save", string.Empty,
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "no",
            ],
            workingDirectory: WorkDirectory);
        return RunAsync(process, PingAsync, TimeSpan.FromSeconds(30), "redis-server");
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
