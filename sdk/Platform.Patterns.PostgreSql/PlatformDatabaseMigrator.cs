using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Patterns.PostgreSql;

/// <summary>
/// Applies the service's plain SQL migrations with DbUp: the <c>.sql</c> files embedded from the project's
/// <c>Migrations</c> folder (resource names <c>Platform.Migrations.*</c>, by the package's build props), in name order,
/// each once, journaled in the <c>schemaversions</c> table. A PostgreSQL advisory lock serialises concurrent runs, so two
/// migration jobs never apply the same script twice.
/// </summary>
public static class PlatformDatabaseMigrator
{
    /// <summary>Prefix of the embedded resource names of migration scripts.</summary>
    public const string ResourcePrefix = "Platform.Migrations.";

    /// <summary>Key of the advisory lock taken while migrating (any constant shared by every replica works).</summary>
    private const long AdvisoryLockKey = 0x504C41544D4947; // "PLATMIG"

    /// <summary>Applies the pending migrations embedded in <paramref name="assembly"/>.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="assembly">The assembly holding the scripts (the service's entry assembly).</param>
    /// <param name="logger">Receives one line per script and the outcome.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>The names of the scripts applied by this run.</returns>
    /// <exception cref="PlatformMigrationException">A script failed; nothing after it was applied.</exception>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, Assembly assembly, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(logger);

        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", AdvisoryLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var engine = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(assembly, static name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogTo(logger)
                .Build();

            var result = engine.PerformUpgrade();
            if (!result.Successful)
            {
                throw new PlatformMigrationException(result.ErrorScript?.Name, result.Error);
            }

            return result.Scripts.Select(static s => s.Name).ToArray();
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", AdvisoryLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The database <c>AddPlatformPostgres</c> registered, for the <c>migrate</c> step.</summary>
    /// <param name="Name">The connection name.</param>
    /// <param name="ConnectionString">The connection string (from <c>ConnectionStrings:&lt;name&gt;</c>).</param>
    internal sealed record Target(string Name, string ConnectionString);
}

/// <summary>A migration script failed (PLAT0302); the scripts before it stay applied, nothing after it ran.</summary>
public sealed class PlatformMigrationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PlatformMigrationException"/> class.</summary>
    /// <param name="script">The failed script's name, if known.</param>
    /// <param name="inner">The database error.</param>
    public PlatformMigrationException(string? script, Exception? inner)
        : base($"PLAT0302: migration script '{script ?? "?"}' failed: {inner?.Message} Fix the script (applied scripts must never change: add a new one) and run 'migrate' again.", inner)
    {
        Script = script;
    }

    /// <summary>Gets the failed script's resource name.</summary>
    public string? Script { get; }
}
