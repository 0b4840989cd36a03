using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// What every Platform pattern package (Platform.Patterns.*) does the same way: read the connection from
/// <c>ConnectionStrings:&lt;name&gt;</c> only, put the dependency's health check on the readiness probe, and follow the
/// platform's telemetry switch. A new pattern package calls these three instead of re-inventing them (docs/patterns.md).
/// </summary>
public static class PlatformDependencies
{
    /// <summary>How long a dependency's readiness check may take before it counts as unhealthy.</summary>
    public static readonly TimeSpan ReadinessCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads <c>ConnectionStrings:<paramref name="name"/></c> (environment: <c>ConnectionStrings__<paramref name="name"/></c>),
    /// the only place a pattern takes its connection from, so secret stores and environments work unchanged.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="name">The connection name, e.g. <c>orders</c>.</param>
    /// <param name="pattern">The registration call, for the message, e.g. <c>AddPlatformPostgres</c>.</param>
    /// <param name="example">An example value, for the message.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="PlatformConfigurationException">PLAT0300: the connection string is missing or empty.</exception>
    public static string RequireConnectionString(IHostApplicationBuilder builder, string name, string pattern, string example)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var value = builder.Configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new PlatformConfigurationException(
                "PLAT0300",
                $"{pattern}(\"{name}\") found no connection string 'ConnectionStrings:{name}'. Set it in configuration "
                + $"(environment variable ConnectionStrings__{name}, a secret store or user secrets), e.g. \"{example}\"; "
                + "keep passwords out of appsettings.json.");
        }

        return value;
    }

    /// <summary>
    /// As <see cref="RequireConnectionString(IHostApplicationBuilder, string, string, string)"/>, then checks the value's
    /// format with the client's own parser, so a typo fails at registration with the fix, not at the first request.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="name">The connection name, e.g. <c>orders</c>.</param>
    /// <param name="pattern">The registration call, for the message, e.g. <c>AddPlatformPostgres</c>.</param>
    /// <param name="example">An example value, for the message.</param>
    /// <param name="format">What a valid value is, for the message, e.g. <c>a valid Npgsql connection string</c>.</param>
    /// <param name="reference">The client's reference for the format (a URL).</param>
    /// <param name="parse">The client's parser: throws <see cref="ArgumentException"/> or <see cref="FormatException"/> for a malformed value.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="PlatformConfigurationException">PLAT0300 (missing) or PLAT0301 (malformed).</exception>
    public static string RequireConnectionString(
        IHostApplicationBuilder builder, string name, string pattern, string example, string format, string reference, Action<string> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var value = RequireConnectionString(builder, name, pattern, example);
        try
        {
            parse(value);
            return value;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new PlatformConfigurationException(
                "PLAT0301",
                $"ConnectionStrings:{name} is not {format} ({ex.Message}). Write it as \"{example}\" ({reference}).");
        }
    }

    /// <summary>
    /// Runs <paramref name="registerChecks"/> (a client integration's registration) and tags every health check it adds
    /// with <see cref="PlatformHealthChecks.ReadyTag"/> only: a dependency outage takes the instance out of rotation
    /// (<c>/health/ready</c>) without failing liveness and restarting it. Each check gets
    /// <see cref="ReadinessCheckTimeout"/> unless it has a shorter one.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="registerChecks">The registration that adds the checks.</param>
    public static void AddForReadiness(IHostApplicationBuilder builder, Action registerChecks)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registerChecks);

        // Options callbacks run in registration order, so the checks added between these two callbacks are exactly the
        // integration's, whatever it names them.
        var before = 0;
        builder.Services.Configure<HealthCheckServiceOptions>(options => before = options.Registrations.Count);
        registerChecks();
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Skip(before))
            {
                registration.Tags.Remove(PlatformHealthChecks.LiveTag);
                registration.Tags.Add(PlatformHealthChecks.ReadyTag);
                if (registration.Timeout <= TimeSpan.Zero || registration.Timeout > ReadinessCheckTimeout)
                {
                    registration.Timeout = ReadinessCheckTimeout;
                }
            }
        });
    }

    /// <summary>
    /// Gets whether the platform's telemetry is on (<c>AddPlatformDefaults</c> ran with telemetry enabled); patterns add
    /// their client instrumentation only then, so <c>Platform:Telemetry:Enabled=false</c> turns everything off.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns><see langword="true"/> when the patterns should add their traces and metrics.</returns>
    public static bool TelemetryEnabled(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services
            .LastOrDefault(d => d.ServiceType == typeof(PlatformDefaultsOptions))?.ImplementationInstance as PlatformDefaultsOptions;
        return options?.TelemetryEnabled ?? true;
    }
}
