using System.Diagnostics;
using System.Globalization;

namespace Platform.Testing.Servers;

/// <summary>
/// A private RabbitMQ 3.10 (Debian's <c>rabbitmq-server</c>): its own Erlang port mapper (<c>epmd</c>, started here so
/// it is stopped by PID), node name, distribution port, AMQP port on 127.0.0.1, and mnesia/log/config/cookie in a temp
/// directory. Restarting keeps durable queues and persistent messages. Boots in about 5 s on a quiet machine.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _epmdPort;
    private readonly int _distributionPort;
    private readonly string _nodeName;
    private ServerProcess? _epmd;
    private ServerProcess? _server;

    private RabbitMqServer(string directory)
    {
        _directory = directory;
        Port = ServerProcess.FreeLoopbackPort();
        _epmdPort = ServerProcess.FreeLoopbackPort();
        _distributionPort = ServerProcess.FreeLoopbackPort();
        _nodeName = $"platform{Port}@localhost";
    }

    /// <summary>Gets the AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets the Erlang VM's PID (0 when stopped).</summary>
    public int Pid => _server is { HasExited: false } ? ReadPid() : 0;

    /// <summary>Gets how long the first start took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Gets the AMQP URI (the default <c>guest</c> user, allowed from loopback).</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    /// <summary>Gets the reason RabbitMQ cannot run here, or <see langword="null"/>.</summary>
    public static string? SkipReason => ServerBinaries.RabbitMqServer is null || ServerBinaries.Epmd is null
        ? "rabbitmq-server is not installed (apt-get install rabbitmq-server; tests/Platform.Testing.Servers/install-servers.sh)"
        : null;

    private string PidFile => Path.Combine(_directory, "rabbitmq.pid");

    /// <summary>Starts epmd and the broker.</summary>
    /// <returns>The running broker.</returns>
    public static async Task<RabbitMqServer> StartAsync()
    {
        if (SkipReason is { } reason)
        {
            throw new ServerStartException(reason);
        }

        var watch = Stopwatch.StartNew();
        var server = new RabbitMqServer(Directory.CreateTempSubdirectory("platform-rabbitmq-").FullName);
        try
        {
            Directory.CreateDirectory(Path.Combine(server._directory, "home"));
            await File.WriteAllTextAsync(Path.Combine(server._directory, "enabled_plugins"), "[].\n");
            await File.WriteAllTextAsync(
                Path.Combine(server._directory, "rabbitmq.conf"),
                $"listeners.tcp.default = 127.0.0.1:{server.Port}\ndistribution.listener.interface = 127.0.0.1\n");

            server._epmd = ServerProcess.Start(ServerBinaries.Epmd!, ["-port", server._epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"]);
            await server._epmd.WaitUntilAsync(() => ServerProcess.AcceptsAsync(server._epmdPort), TimeSpan.FromSeconds(15), "epmd");

            await server.StartBrokerAsync();
            server.StartTime = watch.Elapsed;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the broker (epmd keeps running); durable queues and persistent messages stay on disk.</summary>
    /// <returns>A task that completes when the Erlang VM exited.</returns>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            var pid = ReadPid();
            await ServerProcess.StopPidAsync(pid, ServerProcess.SigTerm, TimeSpan.FromSeconds(30));
            await server.StopAsync(ServerProcess.SigTerm, TimeSpan.FromSeconds(5));
            await server.DisposeAsync();
            File.Delete(PidFile);
        }
    }

    /// <summary>Starts the broker again on the same ports and data.</summary>
    /// <returns>A task that completes when it accepts AMQP connections.</returns>
    public Task RestartAsync() => _server is null ? StartBrokerAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_epmd is { } epmd)
        {
            _epmd = null;
            await epmd.DisposeAsync();
        }

        ServerBinaries.TryDeleteDirectory(_directory);
    }

    private async Task StartBrokerAsync()
    {
        var d = _directory;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(d, "home"),
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(d, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(d, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(d, "rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(d, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(d, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(d, "enabled_plugins"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(d, "plugins-expand"),
            ["RABBITMQ_PID_FILE"] = PidFile,
        };
        var server = ServerProcess.Start(ServerBinaries.RabbitMqServer!, [], environment, d);
        _server = server;
        await server.WaitUntilAsync(
            async () => server.OutputTail.Contains("Starting broker... completed", StringComparison.Ordinal) && await ServerProcess.AcceptsAsync(Port),
            TimeSpan.FromSeconds(90),
            "rabbitmq-server");
    }

    private int ReadPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
