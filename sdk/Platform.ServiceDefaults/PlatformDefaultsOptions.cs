using System.Reflection;

namespace Platform.ServiceDefaults;

/// <summary>
/// The few switches of <c>AddPlatformDefaults</c>. Values are first read from configuration (keys below),
/// then the optional callback passed to <c>AddPlatformDefaults</c> may change them.
/// </summary>
public sealed class PlatformDefaultsOptions
{
    /// <summary>Configuration key for <see cref="TelemetryEnabled"/>.</summary>
    public const string TelemetryEnabledKey = "Platform:Telemetry:Enabled";

    /// <summary>Configuration key for <see cref="HttpClientResilienceEnabled"/>.</summary>
    public const string HttpClientResilienceEnabledKey = "Platform:HttpClient:ResilienceEnabled";

    /// <summary>Configuration key for <see cref="ShutdownTimeout"/>, in seconds.</summary>
    public const string ShutdownTimeoutSecondsKey = "Platform:ShutdownTimeoutSeconds";

    /// <summary>The default <see cref="ShutdownTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether OpenTelemetry (traces, metrics, logs, OTLP export) is wired.
    /// Default <see langword="true"/>; <c>Platform:Telemetry:Enabled=false</c> or <c>OTEL_SDK_DISABLED=true</c> turn it off.
    /// </summary>
    public bool TelemetryEnabled { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether every <see cref="HttpClient"/> from the factory gets the standard
    /// resilience handler. Default <see langword="true"/>; <c>Platform:HttpClient:ResilienceEnabled=false</c> turns it off.
    /// </summary>
    public bool HttpClientResilienceEnabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the host shutdown timeout. Default 30 s; <c>Platform:ShutdownTimeoutSeconds</c> changes it.
    /// It is not applied when the host's own <c>shutdownTimeoutSeconds</c> key is configured.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>
    /// Gets or sets the assembly whose Platform metadata names the service. Default: <see cref="Assembly.GetEntryAssembly"/>.
    /// Set it when the entry assembly is not the service (test hosts, <c>WebApplicationFactory</c>).
    /// </summary>
    public Assembly? ServiceAssembly { get; set; }
}
