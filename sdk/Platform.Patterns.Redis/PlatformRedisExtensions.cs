using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults;
using StackExchange.Redis;

// Platform.Patterns.Redis: the namespace a service imports for AddPlatformRedis.
namespace Platform.Patterns.Redis;

/// <summary>Registers a service's Redis connection the Platform way.</summary>
public static class PlatformRedisExtensions
{
    /// <summary>
    /// Registers one <see cref="IConnectionMultiplexer"/> (a singleton: StackExchange.Redis multiplexes every caller over
    /// it) for <c>ConnectionStrings:<paramref name="name"/></c>, through Aspire.StackExchange.Redis: a health check on
    /// <c>/health/ready</c> only, Redis command traces through the platform's OTLP pipeline, and the client's documented
    /// production setting <c>abortConnect=false</c>, so the service starts while Redis is down and reconnects by itself.
    /// The multiplexer connects on a background thread once the host has started: neither the startup path nor the first
    /// requests wait for the client's synchronous connect, and readiness stays 503 until it is connected.
    /// Call it after <c>AddPlatformDefaults()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <param name="name">The connection name, e.g. <c>cache</c>.</param>
    /// <param name="configureOptions">Adjusts the client options after the connection string was applied; may be <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="PlatformConfigurationException">PLAT0300 (missing) or PLAT0301 (malformed connection string).</exception>
    public static TBuilder AddPlatformRedis<TBuilder>(this TBuilder builder, string name, Action<ConfigurationOptions>? configureOptions = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = PlatformDependencies.RequireConnectionString(
            builder,
            name,
            nameof(AddPlatformRedis),
            "cache:6379,password=<from the secret store>,ssl=true",
            "a valid StackExchange.Redis configuration string",
            "https://stackexchange.github.io/StackExchange.Redis/Configuration",
            value => _ = ConfigurationOptions.Parse(value));

        var telemetry = PlatformDependencies.TelemetryEnabled(builder);
        PlatformDependencies.AddForReadiness(builder, () =>
        {
            builder.AddRedisClient(
                name,
                settings =>
                {
                    settings.ConnectionString = connectionString;
                    settings.DisableTracing = !telemetry;

                    // Not Aspire's auto-activation (a synchronous connect on the startup path): PlatformRedisConnector
                    // connects right after startup, before traffic arrives (measured by bench/patterns.sh).
                    settings.DisableAutoActivation = true;

                    // Replaced by PlatformRedisReadinessCheck below, which does not block the probe while connecting.
                    settings.DisableHealthChecks = true;
                },
                options =>
                {
                    // StackExchange.Redis docs: production code sets abortConnect=false and lets the multiplexer reconnect.
                    options.AbortOnConnectFail = false;
                    configureOptions?.Invoke(options);
                });
            builder.Services.AddHealthChecks().AddCheck<PlatformRedisReadinessCheck>("StackExchange.Redis");
        });

        builder.Services.AddSingleton<PlatformRedisConnector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlatformRedisConnector>());
        return builder;
    }
}
