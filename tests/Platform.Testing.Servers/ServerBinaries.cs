namespace Platform.Testing.Servers;

/// <summary>Where the Debian packages put the server binaries, and how to run them as their own user.</summary>
public static class ServerBinaries
{
    /// <summary>Gets whether the tests run as root (PostgreSQL then runs as the <c>postgres</c> user).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Gets the newest <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> holding <c>initdb</c> and <c>postgres</c>, or <see langword="null"/>.</summary>
    public static string? PostgresBinDirectory { get; } = FindPostgres();

    /// <summary>Gets <c>/usr/bin/redis-server</c>, or <see langword="null"/>.</summary>
    public static string? RedisServer { get; } = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;

    /// <summary>Gets the RabbitMQ server start script (the versioned one, not the wrapper that switches user), or <see langword="null"/>.</summary>
    public static string? RabbitMqServer { get; } = FindRabbitMq();

    /// <summary>Gets <c>rabbitmqctl</c> beside <see cref="RabbitMqServer"/>, or <see langword="null"/>.</summary>
    public static string? RabbitMqCtl { get; } = RabbitMqServer is { } server && Path.Combine(Path.GetDirectoryName(server)!, "rabbitmqctl") is var ctl && File.Exists(ctl) ? ctl : null;

    /// <summary>Gets Erlang's port mapper daemon, or <see langword="null"/>.</summary>
    public static string? Epmd { get; } = File.Exists("/usr/bin/epmd") ? "/usr/bin/epmd" : null;

    /// <summary>Wraps a PostgreSQL binary so it runs as the <c>postgres</c> user when the tests run as root.</summary>
    /// <param name="binary">The binary.</param>
    /// <returns>The executable and leading arguments.</returns>
    public static (string FileName, IReadOnlyList<string> Arguments) AsPostgresUser(string binary)
        => IsRoot
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", binary])
            : (binary, []);

    /// <summary>Deletes a directory tree, ignoring failures.</summary>
    /// <param name="directory">The directory.</param>
    public static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? FindPostgres()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            .FirstOrDefault();
    }

    private static string? FindRabbitMq()
    {
        const string root = "/usr/lib/rabbitmq/lib";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root, "rabbitmq_server-*")
            .Select(d => Path.Combine(d, "sbin", "rabbitmq-server"))
            .Where(File.Exists)
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
