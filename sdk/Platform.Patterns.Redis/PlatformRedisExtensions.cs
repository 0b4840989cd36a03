using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
    /// The multiplexer connects on a thread of its own when first needed: the first readiness probe (which waits for the
    /// connect, so the pod is ready once connected) or the first use. Neither host start nor liveness pays for the
    /// client's synchronous connect; with a readiness probe, traffic arrives after it.
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
                    // connects when the readiness probe or the first use asks for it (measured by bench/patterns.sh).
                    settings.DisableAutoActivation = true;

                    // Replaced by PlatformRedisReadinessCheck below, which awaits the connect instead of blocking a thread on it.
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

        // Aspire's multiplexer factory (configuration, logger, trace instrumentation) now runs inside the connector, and
        // IConnectionMultiplexer resolves to what the connector created.
        var aspireRegistration = builder.Services.LastOrDefault(
                d => d.ServiceType == typeof(IConnectionMultiplexer) && !d.IsKeyedService && d.ImplementationFactory is not null)
            ?? throw new InvalidOperationException("Aspire.StackExchange.Redis registered no IConnectionMultiplexer factory: this Platform.Patterns.Redis does not support the Aspire version in use.");
        builder.Services.Remove(aspireRegistration);
        builder.Services.AddSingleton(sp => new PlatformRedisConnector(
            () => (IConnectionMultiplexer)aspireRegistration.ImplementationFactory!(sp), sp.GetRequiredService<ILogger<PlatformRedisConnector>>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<PlatformRedisConnector>().WaitForMultiplexer());
        return builder;
    }
}
