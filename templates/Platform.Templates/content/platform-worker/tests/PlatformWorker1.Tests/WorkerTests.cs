using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults;

namespace PlatformWorker1.Tests;

public sealed class WorkerTests
{
    [Fact]
    public async Task A_pass_is_counted()
    {
        using var host = CreateHost();
        var worker = host.Services.GetServices<IHostedService>().OfType<Worker>().Single();

        await worker.RunPassAsync(CancellationToken.None);

        Assert.Equal(1, worker.Passes);
    }

    [Fact]
    public async Task The_first_pass_runs_when_the_host_starts()
    {
        using var host = CreateHost();
        var worker = host.Services.GetServices<IHostedService>().OfType<Worker>().Single();

        await host.StartAsync();
        // The first pass runs on the worker's own task: give it a bounded moment before stopping the host.
        for (var waited = 0; worker.Passes == 0 && waited < 10_000; waited += 20)
        {
            await Task.Delay(20);
        }

        await host.StopAsync();

        Assert.True(worker.Passes >= 1);
    }

    /// <summary>The worker as Program.cs wires it, on the platform defaults.</summary>
    private static IHost CreateHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddPlatformDefaults();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<WorkerOptions>(options => options.Interval = TimeSpan.FromHours(1));
        builder.Services.AddHostedService<Worker>();
        return builder.Build();
    }
}
