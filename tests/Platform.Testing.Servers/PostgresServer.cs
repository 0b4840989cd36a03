using System.Diagnostics;

namespace Platform.Testing.Servers;

/// <summary>
/// A private PostgreSQL 15 (Debian's <c>postgresql-15</c>): <c>initdb</c> into a temp directory, <c>postgres</c> on
/// 127.0.0.1 and a free port, its unix socket in the temp directory, trust authentication for the <c>postgres</c> role.
/// PostgreSQL refuses to run as root, so as root both run as the <c>postgres</c> user (through <c>setpriv</c>, which
/// execs: the PID is the postmaster's).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _dataDirectory;
    private ServerProcess? _process;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        _dataDirectory = Path.Combine(directory, "data");
        Port = port;
    }

    /// <summary>Gets the TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets the postmaster's PID (0 when stopped).</summary>
    public int Pid => _process is { HasExited: false } p ? p.Pid : 0;

    /// <summary>Gets how long the first start took (initdb and server start).</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Gets the Npgsql connection string of <paramref name="database"/> as the superuser.</summary>
    /// <param name="database">The database name.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionString(string database = "postgres")
        => $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Password=unused;Timeout=5;Command Timeout=10";

    /// <summary>Gets the reason PostgreSQL cannot run here, or <see langword="null"/> when its binaries are installed.</summary>
    public static string? SkipReason => ServerBinaries.PostgresBinDirectory is null
        ? "PostgreSQL 15 is not installed (apt-get install postgresql; tests/Platform.Testing.Servers/install-servers.sh)"
        : null;

    /// <summary>Creates a data directory and starts the server.</summary>
    /// <returns>The running server.</returns>
    /// <exception cref="ServerStartException">initdb or the server failed; the message holds their output.</exception>
    public static async Task<PostgresServer> StartAsync()
    {
        if (SkipReason is { } reason)
        {
            throw new ServerStartException(reason);
        }

        var watch = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("platform-postgres-").FullName;
        var server = new PostgresServer(directory, ServerProcess.FreeLoopbackPort());
        try
        {
            if (ServerBinaries.IsRoot)
            {
                // The temp directory is root's 0700: hand the tree to the postgres user.
                var (chownCode, chownOutput) = await ServerProcess.RunAsync("chown", ["-R", "postgres:postgres", directory], TimeSpan.FromSeconds(10));
                if (chownCode != 0)
                {
                    throw new ServerStartException("chown of the PostgreSQL directory failed: " + chownOutput);
                }
            }

            var (code, output) = await ServerProcess.RunAsync(
                ServerBinaries.AsPostgresUser(Path.Combine(ServerBinaries.PostgresBinDirectory!, "initdb")).FileName,
                ServerBinaries.AsPostgresUser(Path.Combine(ServerBinaries.PostgresBinDirectory!, "initdb")).Arguments
                    .Concat(["-D", server._dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
                TimeSpan.FromMinutes(2));
            if (code != 0)
            {
                throw new ServerStartException($"initdb failed ({code}):\n{output}");
            }

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

    /// <summary>Creates a database (ignores one that exists).</summary>
    /// <param name="name">The database name (letters, digits, underscores).</param>
    /// <returns>A task that completes when it exists.</returns>
    public async Task CreateDatabaseAsync(string name)
    {
        var (code, output) = await ServerProcess.RunAsync(
            "psql",
            ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", $"CREATE DATABASE \"{name}\""],
            TimeSpan.FromSeconds(30));
        if (code != 0 && !output.Contains("already exists", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"CREATE DATABASE {name} failed: {output}");
        }
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected); the data stays.</summary>
    /// <returns>A task that completes when the postmaster exited.</returns>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync(ServerProcess.SigInt, TimeSpan.FromSeconds(20));
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts the server again on the same port and data.</summary>
    /// <returns>A task that completes when it accepts connections.</returns>
    public Task RestartAsync() => _process is null ? StartProcessAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        ServerBinaries.TryDeleteDirectory(_directory);
    }

    private async Task StartProcessAsync()
    {
        var postgres = ServerBinaries.AsPostgresUser(Path.Combine(ServerBinaries.PostgresBinDirectory!, "postgres"));
        var process = ServerProcess.Start(
            postgres.FileName,
            postgres.Arguments.Concat(
            [
                "-D", _dataDirectory,
                "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-k", _directory,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=200",
                "-c", "shared_buffers=32MB",
            ]),
            workingDirectory: _directory);
        _process = process;
        await process.WaitUntilAsync(
            async () => (await ServerProcess.RunAsync(
                Path.Combine(ServerBinaries.PostgresBinDirectory!, "pg_isready"),
                ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-t", "1"],
                TimeSpan.FromSeconds(5))).ExitCode == 0,
            TimeSpan.FromSeconds(60),
            "PostgreSQL");
    }
}
