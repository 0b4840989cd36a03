using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Patterns.PostgreSql;

/// <summary>
/// The deliberate migration step. Kubernetes runs the service's own image with the single argument <c>migrate</c> as a
/// Job or init container (the manifest generator emits it when <c>PlatformDatabaseMigrations</c> is <c>true</c>); replicas
/// started without it never touch the schema.
/// </summary>
public static class PlatformMigrateCommand
{
    /// <summary>The argument that selects the migration step.</summary>
    public const string Argument = "migrate";

    /// <summary>
    /// With the single argument <c>migrate</c>: applies the pending migrations of the database registered by
    /// <c>AddPlatformPostgres</c> and returns the process exit code (0 applied or nothing to do, 1 failed) without
    /// starting the host. Otherwise runs the host until shutdown and returns 0.
    /// </summary>
    /// <param name="host">The built host (<c>WebApplication</c> or <c>IHost</c>).</param>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The process exit code; return it from <c>Main</c>.</returns>
    public static async Task<int> RunOrMigrateAsync(this IHost host, string[] args)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);

        if (args is not [Argument])
        {
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Migrations");
        var target = host.Services.GetService<PlatformDatabaseMigrator.Target>();
        if (target is null)
        {
            logger.LogError("PLAT0303: 'migrate' needs a database: call builder.AddPlatformPostgres(\"<name>\") before builder.Build().");
            return 1;
        }

        var assembly = Assembly.GetEntryAssembly();
        if (assembly is null)
        {
            logger.LogError("PLAT0303: 'migrate' found no entry assembly to read the migration scripts from.");
            return 1;
        }

        try
        {
            var applied = await PlatformDatabaseMigrator.MigrateAsync(target.ConnectionString, assembly, logger).ConfigureAwait(false);
            logger.LogInformation("Database '{Name}': {Count} migration(s) applied.", target.Name, applied.Count);
            return 0;
        }
        catch (PlatformMigrationException ex)
        {
            logger.LogError("{Message}", ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogError("PLAT0302: could not migrate database '{Name}': {Message} Check ConnectionStrings:{Name} and that the server is reachable.", target.Name, ex.Message, target.Name);
            return 1;
        }
        finally
        {
            // Flush the telemetry and log providers: the process exits right after.
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
