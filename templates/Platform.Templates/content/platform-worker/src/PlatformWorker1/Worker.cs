using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace PlatformWorker1;

/// <summary>Settings of the worker (section "Worker").</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Time between two passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Runs one pass right away and then on every interval; each pass is a span and a log record.</summary>
public sealed class Worker(ILogger<Worker> logger, TimeProvider clock, PlatformTelemetry telemetry, IOptions<WorkerOptions> options) : BackgroundService
{
    /// <summary>Passes completed since the worker started.</summary>
    public int Passes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            await RunPassAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One unit of work. Replace the body with the worker's job.</summary>
    public Task RunPassAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = telemetry.ActivitySource.StartActivity("worker-pass", ActivityKind.Internal);
        Passes++;
        logger.LogInformation("Pass {Pass} at {Time}", Passes, clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
