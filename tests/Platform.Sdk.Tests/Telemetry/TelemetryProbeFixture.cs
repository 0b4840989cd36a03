namespace Platform.Sdk.Tests.Telemetry;

/// <summary>
/// One web service on the packed Platform.Sdk.Web, built once for the telemetry tests: TelemetryProbe, version 1.2.3,
/// with a ready-tagged health check that fails when FAIL_READY=1.
/// </summary>
public sealed class TelemetryProbeFixture : IAsyncLifetime
{
    public const string Program = """
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformDefaults();
        builder.Services.AddHealthChecks().AddCheck(
            "orders-db",
            () => Environment.GetEnvironmentVariable("FAIL_READY") == "1" ? HealthCheckResult.Unhealthy("down") : HealthCheckResult.Healthy(),
            tags: ["ready"]);

        var app = builder.Build();
        app.MapPlatformEndpoints();

        app.MapGet("/orders/{id}", (int id, ILogger<Program> logger) =>
        {
            logger.LogInformation("Fetching order {OrderId}", id);
            return Results.Ok(new { Id = id });
        });

        app.Run();
        """;

    public ConsumerRepo Repo { get; private set; } = null!;

    public string AssemblyPath => Path.Combine(Repo.ProjectDirectory, "bin", "Debug", "net10.0", "TelemetryProbe.dll");

    public async Task InitializeAsync()
    {
        Repo = await ConsumerProject.Create("TelemetryProbe")
            .WithSdk("Platform.Sdk.Web")
            .WithProperty("Version", "1.2.3")
            .WithProperty("PlatformServiceNamespace", "shop")
            .WithFile("Program.cs", Program)
            .WriteAsync();
        var build = await Repo.BuildAsync(ci: true);
        Assert.True(build.Succeeded, build.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
