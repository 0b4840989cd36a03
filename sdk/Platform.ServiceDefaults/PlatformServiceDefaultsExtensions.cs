using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// Platform.ServiceDefaults: the namespace the SDK adds as a global using and the PLAT1002 code fix imports.
namespace Platform.ServiceDefaults;

/// <summary>Registers the Platform service defaults on a host builder (web or worker).</summary>
public static class PlatformServiceDefaultsExtensions
{
    /// <summary>Names of the HttpClients the OTLP exporter creates through IHttpClientFactory (http/protobuf).</summary>
    private static readonly string[] OtlpExporterHttpClientNames = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    /// <summary>The key the host itself binds to <see cref="HostOptions.ShutdownTimeout"/>.</summary>
    private const string HostShutdownTimeoutKey = "shutdownTimeoutSeconds";

    private static readonly string[] OtlpEndpointKeys =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>
    /// Adds the Platform service defaults: OpenTelemetry traces, metrics and logs (exported over OTLP when an
    /// <c>OTEL_EXPORTER_OTLP_*ENDPOINT</c> is configured), resource attributes from the SDK-stamped assembly metadata,
    /// health checks (with a <c>self</c> liveness check), the standard resilience handler on every factory
    /// <see cref="HttpClient"/>, and a 30 s graceful shutdown timeout. Call it once, first thing after creating the builder;
    /// web applications also call <c>app.MapPlatformEndpoints()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type (<c>WebApplicationBuilder</c>, <c>HostApplicationBuilder</c>, …).</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder AddPlatformDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        => builder.AddPlatformDefaults(configure: null);

    /// <summary>
    /// Adds the Platform service defaults (see <see cref="AddPlatformDefaults{TBuilder}(TBuilder)"/>), letting code
    /// adjust the switches after they were read from configuration.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Changes the options after configuration was applied; may be <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder AddPlatformDefaults<TBuilder>(this TBuilder builder, Action<PlatformDefaultsOptions>? configure)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // A second call is a no-op: the first one decided everything.
        if (builder.Services.Any(d => d.ServiceType == typeof(PlatformDefaultsMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<PlatformDefaultsMarker>();

        var options = ReadOptions(builder.Configuration);
        configure?.Invoke(options);

        var service = PlatformServiceMetadata.FromAssembly(options.ServiceAssembly ?? System.Reflection.Assembly.GetEntryAssembly());
        builder.Services.AddSingleton(options);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(sp => new PlatformTelemetry(service, sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

        if (options.TelemetryEnabled)
        {
            AddTelemetry(builder, service);
        }

        AddHealthChecks(builder);
        AddHttpClientDefaults(builder, options);
        AddShutdownTimeout(builder, options);

        return builder;
    }

    private static PlatformDefaultsOptions ReadOptions(IConfiguration configuration)
    {
        var options = new PlatformDefaultsOptions
        {
            TelemetryEnabled = ReadBool(configuration, PlatformDefaultsOptions.TelemetryEnabledKey, true)
                && !ReadBool(configuration, "OTEL_SDK_DISABLED", false),
            HttpClientResilienceEnabled = ReadBool(configuration, PlatformDefaultsOptions.HttpClientResilienceEnabledKey, true),
        };

        if (double.TryParse(configuration[PlatformDefaultsOptions.ShutdownTimeoutSecondsKey], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0)
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(seconds);
        }

        return options;
    }

    private static bool ReadBool(IConfiguration configuration, string key, bool defaultValue)
        => bool.TryParse(configuration[key], out var value) ? value : defaultValue;

    private static void AddTelemetry(IHostApplicationBuilder builder, PlatformServiceMetadata service)
    {
        // Sources and meters the service owns: its name (PlatformTelemetry) and, for code that names them after the
        // project, the entry assembly name.
        var ownNames = new[] { service.Name, service.AssemblyName }
            .Where(n => !string.IsNullOrEmpty(n))
            .Distinct(StringComparer.Ordinal)
            .Cast<string>()
            .ToArray();

        var environmentName = builder.Environment.EnvironmentName;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                resource.AddService(
                    serviceName: service.Name,
                    serviceNamespace: service.Namespace,
                    serviceVersion: service.Version,
                    autoGenerateServiceInstanceId: true);

                var attributes = new List<KeyValuePair<string, object>>
                {
                    new("deployment.environment.name", environmentName.ToLowerInvariant()),
                };
                if (service.SourceRevision is not null)
                {
                    attributes.Add(new("vcs.ref.head.revision", service.SourceRevision));
                }

                resource.AddAttributes(attributes);

                // OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME (environment or IConfiguration) win over stamped
                // values: the last detector added takes precedence when the resource is built.
                resource.AddEnvironmentVariableDetector();
            })
            .WithTracing(tracing => tracing
                .AddSource(ownNames)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = static context => !IsHealthRequest(context))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ownNames)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });

        if (HasOtlpEndpoint(builder.Configuration))
        {
            // Reads OTEL_EXPORTER_OTLP_{ENDPOINT,PROTOCOL,HEADERS,TIMEOUT} (and per-signal variants) from IConfiguration.
            otel.UseOtlpExporter();

            // The http/protobuf exporter creates its HttpClients through IHttpClientFactory, so the HttpClient defaults
            // (standard resilience handler, per-request logs) would apply to them. Keep those clients plain: the exporter
            // retries by itself and reports failures on its EventSource, while a retrying handler and request logs would
            // turn an unreachable collector into a stream of log lines.
            foreach (var name in OtlpExporterHttpClientNames)
            {
                builder.Services.AddHttpClient(name)
                    .RemoveAllLoggers()
                    .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear());
            }
        }
    }

    private static bool HasOtlpEndpoint(IConfiguration configuration)
        => OtlpEndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    private static bool IsHealthRequest(HttpContext context)
        => context.Request.Path.StartsWithSegments(PlatformHealthChecks.PathPrefix, StringComparison.OrdinalIgnoreCase);

    private static void AddHealthChecks(IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck(PlatformHealthChecks.SelfCheckName, static () => HealthCheckResult.Healthy(), [PlatformHealthChecks.LiveTag]);
    }

    private static void AddHttpClientDefaults(IHostApplicationBuilder builder, PlatformDefaultsOptions options)
    {
        // IHttpClientFactory is always available, with or without the resilience defaults.
        builder.Services.AddHttpClient();

        if (options.HttpClientResilienceEnabled)
        {
            builder.Services.ConfigureHttpClientDefaults(static http => http.AddStandardResilienceHandler());
        }
    }

    private static void AddShutdownTimeout(IHostApplicationBuilder builder, PlatformDefaultsOptions options)
    {
        // The host binds its own "shutdownTimeoutSeconds" key; when someone set it, it wins.
        if (!string.IsNullOrEmpty(builder.Configuration[HostShutdownTimeoutKey]))
        {
            return;
        }

        var timeout = options.ShutdownTimeout;
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = timeout);
    }

    private sealed class PlatformDefaultsMarker;
}
