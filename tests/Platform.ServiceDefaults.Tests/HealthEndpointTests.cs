using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    private static readonly Dictionary<string, string?> NoTelemetryEndpoint = [];

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Development")]
    public async Task Live_ready_and_startup_answer_200_Healthy_in_every_environment(string environment)
    {
        await using var service = await TestService.StartAsync(TestServiceAssembly.ForService("health-probe"), NoTelemetryEndpoint, environment: environment);

        foreach (var path in new[] { "/health/live", "/health/ready", "/health/startup" })
        {
            var response = await service.Client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Ready_answers_503_when_a_ready_check_fails_while_live_and_startup_stay_200()
    {
        await using var service = await TestService.StartAsync(
            TestServiceAssembly.ForService("health-probe"),
            NoTelemetryEndpoint,
            configureBuilder: builder => builder.Services.AddHealthChecks()
                .AddCheck("database", () => HealthCheckResult.Unhealthy("secret connection detail"), ["ready"]));

        var ready = await service.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync()); // no check names or details leak

        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health/startup")).StatusCode);
    }

    [Fact]
    public async Task Startup_answers_503_until_the_startup_check_passes()
    {
        var started = false;
        await using var service = await TestService.StartAsync(
            TestServiceAssembly.ForService("health-probe"),
            NoTelemetryEndpoint,
            configureBuilder: builder => builder.Services.AddHealthChecks()
                .AddCheck("warm-up", () => started ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(), ["startup"]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await service.Client.GetAsync("/health/startup")).StatusCode);
        started = true;
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health/startup")).StatusCode);
    }

    [Fact]
    public async Task Live_ignores_failing_checks_that_are_not_tagged_live()
    {
        await using var service = await TestService.StartAsync(
            TestServiceAssembly.ForService("health-probe"),
            NoTelemetryEndpoint,
            configureBuilder: builder => builder.Services.AddHealthChecks()
                .AddCheck("untagged", () => HealthCheckResult.Unhealthy()));

        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_allow_anonymous_access()
    {
        await using var service = await TestService.StartAsync(TestServiceAssembly.ForService("health-probe"), NoTelemetryEndpoint);

        var endpoints = service.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/health/", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Equal(["/health/live", "/health/ready", "/health/startup"], endpoints.Select(e => e.RoutePattern.RawText).Order());
        Assert.All(endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }
}
