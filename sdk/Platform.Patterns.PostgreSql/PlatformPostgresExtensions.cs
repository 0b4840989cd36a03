using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.ServiceDefaults;

// Platform.Patterns.PostgreSql: the namespace a service imports for AddPlatformPostgres and RunOrMigrateAsync.
namespace Platform.Patterns.PostgreSql;

/// <summary>Registers a service's PostgreSQL database the Platform way.</summary>
public static class PlatformPostgresExtensions
{
    /// <summary>
    /// Registers one pooled <see cref="NpgsqlDataSource"/> (inject it, or <see cref="NpgsqlConnection"/>, which comes
    /// from its pool) for the connection string <c>ConnectionStrings:<paramref name="name"/></c>, through Aspire.Npgsql:
    /// a health check on <c>/health/ready</c> only, Npgsql traces and metrics through the platform's OTLP pipeline, and
    /// the migrations that <c>RunOrMigrateAsync</c> applies when the service is started with <c>migrate</c>.
    /// Call it after <c>AddPlatformDefaults()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <param name="name">The connection name, e.g. <c>orders</c>.</param>
    /// <param name="configureDataSource">Adjusts the data source (type mappings, plugins); may be <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="PlatformConfigurationException">PLAT0300 (missing) or PLAT0301 (malformed connection string).</exception>
    public static TBuilder AddPlatformPostgres<TBuilder>(this TBuilder builder, string name, Action<NpgsqlDataSourceBuilder>? configureDataSource = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = PlatformDependencies.RequireConnectionString(
            builder,
            name,
            nameof(AddPlatformPostgres),
            "Host=orders-db;Port=5432;Database=orders;Username=orders;Password=<from the secret store>",
            "a valid Npgsql connection string",
            "https://www.npgsql.org/doc/connection-string-parameters.html",
            value => _ = new NpgsqlConnectionStringBuilder(value));

        var telemetry = PlatformDependencies.TelemetryEnabled(builder);
        PlatformDependencies.AddForReadiness(builder, () => builder.AddNpgsqlDataSource(
            name,
            settings =>
            {
                // Only ConnectionStrings:<name>: Aspire's own "Aspire:Npgsql:ConnectionString" key is not a second source.
                settings.ConnectionString = connectionString;
                settings.DisableTracing = !telemetry;
                settings.DisableMetrics = !telemetry;
            },
            configureDataSource));

        builder.Services.AddSingleton(new PlatformDatabaseMigrator.Target(name, connectionString));
        return builder;
    }
}
