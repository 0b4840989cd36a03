namespace Platform.Testing.Servers;

/// <summary>
/// A private PostgreSQL 15 (Debian's <c>postgresql-15</c>): <c>initdb</c> into a temp directory, <c>postgres</c> on
/// 127.0.0.1 and a free port, its unix socket in the temp directory, trust authentication for the <c>postgres</c> role.
/// PostgreSQL refuses to run as root, so as root both run as the <c>postgres</c> user (through <c>setpriv</c>, which
/// execs: the PID is the postmaster's).
/// </summary>
public sealed class PostgresServer : PrivateServer
{
    private readonly string _dataDirectory;

    private PostgresServer(string directory, int port)
        : base(directory, port, ServerProcess.SigInt, TimeSpan.FromSeconds(20)) // SIGINT: fast shutdown, clients are disconnected
    {
        _dataDirectory = Path.Combine(directory, "data");
    }

    /// <summary>Gets the Npgsql connection string of <paramref name="database"/> as the superuser.</summary>
    /// <param name="database">The database name.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionString(string database = "postgres")
        => $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Password=unused;Timeout=5;Command Timeout=10";

    /// <summary>Gets the reason PostgreSQL cannot run here, or <see langword="null"/> when its binaries are installed.</summary>
    public static string? SkipReason => ServerBinaries.PostgresBinDirectory is null
        ? "PostgreSQL 15 is not installed (apt-get install postgresql; tests/Platform.Testing.Servers/install-servers.sh)"
        : null;

    /// <summary>Creates a data directory (initdb) and starts the server.</summary>
    /// <returns>The running server.</returns>
    /// <exception cref="ServerStartException">initdb or the server failed; the message holds their output.</exception>
    public static Task<PostgresServer> StartAsync() => StartNewAsync(
        SkipReason,
        () => new PostgresServer(Directory.CreateTempSubdirectory("platform-postgres-").FullName, ServerProcess.FreeLoopbackPort()),
        async server =>
        {
            if (ServerBinaries.IsRoot)
            {
                // The temp directory is root's 0700: hand the tree to the postgres user.
                var (chownCode, chownOutput) = await ServerProcess.RunAsync("chown", ["-R", "postgres:postgres", server.WorkDirectory], TimeSpan.FromSeconds(10));
                if (chownCode != 0)
                {
                    throw new ServerStartException("chown of the PostgreSQL directory failed: " + chownOutput);
                }
            }

            var initdb = ServerBinaries.AsPostgresUser(Path.Combine(ServerBinaries.PostgresBinDirectory!, "initdb"));
            var (code, output) = await ServerProcess.RunAsync(
                initdb.FileName,
                initdb.Arguments.Concat(["-D", server._dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
                TimeSpan.FromMinutes(2));
            if (code != 0)
            {
                throw new ServerStartException($"initdb failed ({code}):\n{output}");
            }

            await server.StartProcessAsync();
        });

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

    /// <inheritdoc />
    protected override Task StartProcessAsync()
    {
        var postgres = ServerBinaries.AsPostgresUser(Path.Combine(ServerBinaries.PostgresBinDirectory!, "postgres"));
        var process = ServerProcess.Start(
            postgres.FileName,
            postgres.Arguments.Concat(
            [
                "-D", _dataDirectory,
                "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-k", WorkDirectory,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=200",
                "-c", "shared_buffers=32MB",
            ]),
            workingDirectory: WorkDirectory);
        return RunAsync(
            process,
            async () => (await ServerProcess.RunAsync(
                Path.Combine(ServerBinaries.PostgresBinDirectory!, "pg_isready"),
                ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-t", "1"],
                TimeSpan.FromSeconds(5))).ExitCode == 0,
            TimeSpan.FromSeconds(60),
            "PostgreSQL");
    }
}
