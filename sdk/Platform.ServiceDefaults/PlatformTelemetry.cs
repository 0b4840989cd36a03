using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults;

/// <summary>
/// The service's own <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>,
/// both named after the service (<see cref="PlatformServiceMetadata.Name"/>). <c>AddPlatformDefaults</c> registers this
/// type as a singleton and subscribes the tracer and meter providers to that name (and to the entry assembly name), so
/// spans and instruments created here are exported with no further code. Inject it where you need a span or a metric.
/// </summary>
public sealed class PlatformTelemetry : IDisposable
{
    internal PlatformTelemetry(PlatformServiceMetadata service, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(meterFactory);

        Service = service;
        ActivitySource = new ActivitySource(service.Name, service.Version);
        Meter = meterFactory.Create(new MeterOptions(service.Name) { Version = service.Version });
    }

    /// <summary>Gets the identity of the service as read at startup.</summary>
    public PlatformServiceMetadata Service { get; }

    /// <summary>Gets the service name; also the name of <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public string ServiceName => Service.Name;

    /// <summary>Gets the service's activity source; its spans are exported by the platform tracer provider.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Gets the service's meter; its instruments are exported by the platform meter provider.</summary>
    public Meter Meter { get; }

    /// <inheritdoc />
    public void Dispose() => ActivitySource.Dispose();
}
