using System.Globalization;

namespace Platform.Testing.Servers;

/// <summary>
/// A private RabbitMQ 3.10 (Debian's <c>rabbitmq-server</c>): its own Erlang port mapper (<c>epmd</c>, started here so
/// it is stopped by PID), node name, distribution port, AMQP port on 127.0.0.1, and mnesia/log/config/cookie in a temp
/// directory. Restarting keeps durable queues and persistent messages. Boots in about 5 s on a quiet machine. Channels
/// check the broker's <c>consumer_timeout</c> every second (the default is once a minute), so a test that lowers it with
/// <see cref="CtlAsync"/> sees it fire at once.
/// </summary>
public sealed class RabbitMqServer : PrivateServer
{
    private readonly int _epmdPort;
    private readonly int _distributionPort;
    private readonly string _nodeName;
    private ServerProcess? _epmd;

    private RabbitMqServer(string directory)
        : base(directory, ServerProcess.FreeLoopbackPort(), ServerProcess.SigTerm, TimeSpan.FromSeconds(5))
    {
        _epmdPort = ServerProcess.FreeLoopbackPort();
        _distributionPort = ServerProcess.FreeLoopbackPort();
        _nodeName = $"platform{Port}@localhost";
    }

    /// <summary>Gets the Erlang VM's PID (0 when stopped).</summary>
    public override int Pid => base.Pid != 0 ? ReadPid() : 0;

    /// <summary>Gets the AMQP URI (the default <c>guest</c> user, allowed from loopback).</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    /// <summary>Gets the reason RabbitMQ cannot run here, or <see langword="null"/>.</summary>
    public static string? SkipReason => ServerBinaries.RabbitMqServer is null || ServerBinaries.RabbitMqCtl is null || ServerBinaries.Epmd is null
        ? "rabbitmq-server is not installed (apt-get install rabbitmq-server; tests/Platform.Testing.Servers/install-servers.sh)"
        : null;

    private string PidFile => Path.Combine(WorkDirectory, "rabbitmq.pid");

    /// <summary>Starts epmd and the broker.</summary>
    /// <returns>The running broker.</returns>
    public static Task<RabbitMqServer> StartAsync() => StartNewAsync(
        SkipReason,
        () => new RabbitMqServer(Directory.CreateTempSubdirectory("platform-rabbitmq-").FullName),
        async server =>
        {
            Directory.CreateDirectory(Path.Combine(server.WorkDirectory, "home"));
            await File.WriteAllTextAsync(Path.Combine(server.WorkDirectory, "enabled_plugins"), "[].\n");
            await File.WriteAllTextAsync(
                Path.Combine(server.WorkDirectory, "rabbitmq.conf"),
                $"listeners.tcp.default = 127.0.0.1:{server.Port}\ndistribution.listener.interface = 127.0.0.1\n");
            await File.WriteAllTextAsync(Path.Combine(server.WorkDirectory, "advanced.config"), "[{rabbit, [{channel_tick_interval, 1000}]}].\n");

            server._epmd = ServerProcess.Start(ServerBinaries.Epmd!, ["-port", server._epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"]);
            await server._epmd.WaitUntilAsync(() => ServerProcess.AcceptsAsync(server._epmdPort), TimeSpan.FromSeconds(15), "epmd");
            await server.StartProcessAsync();
        });

    /// <summary>Runs <c>rabbitmqctl</c> against this broker (its node name, cookie and port mapper).</summary>
    /// <param name="arguments">The command and its arguments, e.g. <c>close_all_connections "test"</c>.</param>
    /// <returns>The command's output.</returns>
    /// <exception cref="InvalidOperationException">The command failed.</exception>
    public async Task<string> CtlAsync(params string[] arguments)
    {
        var (code, output) = await ServerProcess.RunAsync(
            ServerBinaries.RabbitMqCtl!,
            ["-n", _nodeName, "-q", .. arguments],
            TimeSpan.FromSeconds(30),
            new Dictionary<string, string?>
            {
                ["HOME"] = Path.Combine(WorkDirectory, "home"),
                ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
            }).ConfigureAwait(false);
        return code == 0 ? output : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited with {code}: {output}");
    }

    /// <summary>Stops the Erlang VM by the PID it wrote (the start script is its parent), then the script; epmd keeps
    /// running, and durable queues and persistent messages stay on disk.</summary>
    /// <inheritdoc />
    protected override async Task StopProcessAsync(ServerProcess process)
    {
        await ServerProcess.StopPidAsync(ReadPid(), ServerProcess.SigTerm, TimeSpan.FromSeconds(30));
        await base.StopProcessAsync(process);
        File.Delete(PidFile);
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeHelpersAsync()
    {
        if (_epmd is { } epmd)
        {
            _epmd = null;
            await epmd.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override Task StartProcessAsync()
    {
        var d = WorkDirectory;
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
        return RunAsync(
            server,
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
