using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();

var app = builder.Build();
app.MapPlatformEndpoints();

app.MapGet("/orders/{id}", (int id, PlatformTelemetry telemetry, ILogger<Program> logger) =>
{
    using var activity = telemetry.ActivitySource.StartActivity("load-order");
    logger.LogInformation("Loaded order {OrderId}", id);
    return Results.Ok(new { id });
});

app.Run();
