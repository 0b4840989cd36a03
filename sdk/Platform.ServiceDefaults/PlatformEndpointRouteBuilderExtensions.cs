using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

// Platform.ServiceDefaults: the namespace the SDK adds as a global using and the PLAT1003 code fix imports.
namespace Platform.ServiceDefaults;

/// <summary>Maps the Platform endpoints of a web application.</summary>
public static class PlatformEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the health endpoints in every environment (Kubernetes probes must not 404 in production):
    /// <c>/health/live</c> (checks tagged <c>live</c>, i.e. the built-in <c>self</c> check),
    /// <c>/health/ready</c> (checks tagged <c>ready</c>) and <c>/health/startup</c> (checks tagged <c>startup</c>).
    /// Each answers 200 with <c>Healthy</c> or <c>Degraded</c>, or 503 with <c>Unhealthy</c>, as plain text; check names
    /// and exceptions are not disclosed. They allow anonymous access and are not traced.
    /// </summary>
    /// <typeparam name="TEndpoints">The endpoint builder type (usually <c>WebApplication</c>).</typeparam>
    /// <param name="endpoints">The application.</param>
    /// <returns>The same application, for chaining.</returns>
    public static TEndpoints MapPlatformEndpoints<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        Map(endpoints, PlatformHealthChecks.LivePath, PlatformHealthChecks.LiveTag);
        Map(endpoints, PlatformHealthChecks.ReadyPath, PlatformHealthChecks.ReadyTag);
        Map(endpoints, PlatformHealthChecks.StartupPath, PlatformHealthChecks.StartupTag);

        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, string path, string tag)
    {
        endpoints.MapHealthChecks(path, new HealthCheckOptions { Predicate = check => check.Tags.Contains(tag) })
            .AllowAnonymous()
            .WithDisplayName("Platform health: " + tag);
    }
}
