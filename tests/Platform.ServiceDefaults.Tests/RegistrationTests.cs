using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Tests;

/// <summary>What AddPlatformDefaults registers, read from the built service provider.</summary>
public sealed class RegistrationTests
{
    private static WebApplication Build(Dictionary<string, string?> settings, Action<PlatformDefaultsOptions>? configure = null)
    {
        var builder = TestService.CreateBuilder("Production", settings);
        builder.AddPlatformDefaults(options =>
        {
            options.ServiceAssembly = TestServiceAssembly.ForService("registration-probe");
            configure?.Invoke(options);
        });
        return builder.Build();
    }

    private static bool HasOtlpExporterServices(IServiceCollection services)
        => services.Any(d => d.ServiceType.Assembly == typeof(OtlpExportProtocol).Assembly
            || d.ServiceType.GenericTypeArguments.Any(t => t.Assembly == typeof(OtlpExportProtocol).Assembly));

    [Fact]
    public void Without_an_OTLP_endpoint_no_exporter_is_registered_but_tracing_still_is()
    {
        var builder = TestService.CreateBuilder("Production", []);
        builder.AddPlatformDefaults(options => options.ServiceAssembly = TestServiceAssembly.ForService("no-endpoint"));

        Assert.False(HasOtlpExporterServices(builder.Services));
        using var app = builder.Build();
        Assert.NotNull(app.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    public void An_OTLP_endpoint_in_configuration_registers_the_exporter(string key)
    {
        var builder = TestService.CreateBuilder("Production", new() { [key] = "http://127.0.0.1:4318" });
        builder.AddPlatformDefaults(options => options.ServiceAssembly = TestServiceAssembly.ForService("with-endpoint"));

        Assert.True(HasOtlpExporterServices(builder.Services));
    }

    [Theory]
    [InlineData("Platform:Telemetry:Enabled", "false")]
    [InlineData("OTEL_SDK_DISABLED", "true")]
    public void Telemetry_can_be_turned_off_by_configuration(string key, string value)
    {
        using var app = Build(new() { [key] = value, ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318" });

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<PlatformTelemetry>()); // the service's own source/meter still exist
    }

    [Fact]
    public void Shutdown_timeout_defaults_to_30_seconds()
    {
        using var app = Build([]);

        Assert.Equal(TimeSpan.FromSeconds(30), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void Shutdown_timeout_is_configurable()
    {
        using var app = Build(new() { ["Platform:ShutdownTimeoutSeconds"] = "5" });

        Assert.Equal(TimeSpan.FromSeconds(5), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void The_host_shutdownTimeoutSeconds_key_wins_over_the_platform_default()
    {
        using var app = Build(new() { ["shutdownTimeoutSeconds"] = "7" });

        Assert.Equal(TimeSpan.FromSeconds(7), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void Factory_HttpClients_get_the_standard_resilience_handler()
    {
        using var app = Build([]);

        Assert.Contains("ResilienceHandler", HandlerChain(app.Services, "orders-api"));
    }

    [Fact]
    public void Resilience_can_be_turned_off_by_configuration()
    {
        using var app = Build(new() { ["Platform:HttpClient:ResilienceEnabled"] = "false" });

        Assert.DoesNotContain("ResilienceHandler", HandlerChain(app.Services, "orders-api"));
    }

    [Theory]
    [InlineData("OtlpTraceExporter")]
    [InlineData("OtlpMetricExporter")]
    [InlineData("OtlpLogExporter")]
    public void OTLP_exporter_HttpClients_have_no_resilience_or_logging_handlers(string clientName)
    {
        using var app = Build(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318" });

        var chain = HandlerChain(app.Services, clientName);

        Assert.DoesNotContain("ResilienceHandler", chain);
        Assert.DoesNotContain(chain, name => name.Contains("Logging", StringComparison.Ordinal));
    }

    [Fact]
    public void Code_can_override_configuration()
    {
        using var app = Build(new() { ["Platform:Telemetry:Enabled"] = "false" }, options => options.TelemetryEnabled = true);

        Assert.NotNull(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Calling_AddPlatformDefaults_twice_registers_everything_once()
    {
        var builder = TestService.CreateBuilder("Production", []);
        builder.AddPlatformDefaults(options => options.ServiceAssembly = TestServiceAssembly.ForService("twice"));
        var count = builder.Services.Count;

        builder.AddPlatformDefaults();

        Assert.Equal(count, builder.Services.Count);
    }

    [Fact]
    public void PlatformTelemetry_names_its_source_and_meter_after_the_service()
    {
        using var app = Build([]);

        var telemetry = app.Services.GetRequiredService<PlatformTelemetry>();

        Assert.Equal("registration-probe", telemetry.ServiceName);
        Assert.Equal("registration-probe", telemetry.ActivitySource.Name);
        Assert.Equal("registration-probe", telemetry.Meter.Name);
        Assert.Equal("1.2.3", telemetry.ActivitySource.Version);
    }

    private static List<string> HandlerChain(IServiceProvider services, string clientName)
    {
        var names = new List<string>();
        HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(clientName);
        while (handler is DelegatingHandler delegating)
        {
            names.Add(delegating.GetType().Name);
            handler = delegating.InnerHandler;
        }

        return names;
    }
}
