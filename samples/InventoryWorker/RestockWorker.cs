using System.Diagnostics;

namespace InventoryWorker;

/// <summary>Checks stock levels on a schedule; each pass is a span and a log record.</summary>
public sealed class RestockWorker(ILogger<RestockWorker> logger, TimeProvider clock, PlatformTelemetry telemetry) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        do
        {
            using var activity = telemetry.ActivitySource.StartActivity("restock-pass", ActivityKind.Internal);
            logger.LogInformation("Restock pass at {Time}", clock.GetUtcNow());
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
