using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Patterns.PostgreSql;
using Platform.Patterns.RabbitMQ;
using Platform.Patterns.Redis;
using Platform.ServiceDefaults;
using StackExchange.Redis;

namespace Platform.Patterns.Tests;

/// <summary>
/// A real web service on Kestrel (127.0.0.1, free port) that uses the three patterns the way a service does:
/// <c>POST /orders/{id}</c> writes PostgreSQL, caches in Redis and publishes <c>order-created</c>; a consumer records
/// each message it handles with the trace id of its span.
/// </summary>
internal sealed class PatternService : IAsyncDisposable
{
    private PatternService(WebApplication app, Uri address)
    {
        App = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public HandledMessages Handled => App.Services.GetRequiredService<HandledMessages>();

    public static Dictionary<string, string?> Settings(ServersFixture servers, string database) => new()
    {
        ["ConnectionStrings:orders"] = servers.Postgres!.ConnectionString(database),
        ["ConnectionStrings:cache"] = servers.Redis!.ConnectionString,
        ["ConnectionStrings:messaging"] = servers.RabbitMq!.ConnectionString,
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = servers.Receiver.Endpoint.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Starts the service; with <paramref name="consumeQueue"/> it also consumes that queue.</summary>
    public static async Task<PatternService> StartAsync(Dictionary<string, string?> settings, string queue, bool consume)
    {
        var builder = CreateBuilder(settings);
        builder.AddPlatformDefaults(options => options.ServiceAssembly = typeof(PatternService).Assembly);
        builder.AddPlatformPostgres("orders");
        builder.AddPlatformRedis("cache");
        builder.AddPlatformRabbitMQ("messaging");
        builder.Services.AddSingleton<HandledMessages>();
        if (consume)
        {
            builder.AddPlatformMessageConsumer<RecordingHandler>(queue);
        }

        var app = builder.Build();
        app.MapPlatformEndpoints();
        app.MapPost("/orders/{id:long}", async (long id, NpgsqlDataSource db, IConnectionMultiplexer redis, IPlatformMessagePublisher publisher) =>
        {
            await using (var insert = db.CreateCommand("INSERT INTO orders (id, item) VALUES ($1, 'book') ON CONFLICT (id) DO NOTHING"))
            {
                insert.Parameters.AddWithValue(id);
                await insert.ExecuteNonQueryAsync();
            }

            await redis.GetDatabase().StringSetAsync($"order:{id}", "book", TimeSpan.FromMinutes(5));
            var messageId = await publisher.PublishAsync(queue, System.Text.Encoding.UTF8.GetBytes(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return Results.Json(new { traceId = Activity.Current?.TraceId.ToString(), messageId });
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new PatternService(app, new Uri(address));
    }

    public static WebApplicationBuilder CreateBuilder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);
        return builder;
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="status"/>.</summary>
    public async Task<int> WaitForStatusAsync(string path, int status, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var last = 0;
        while (watch.Elapsed < timeout)
        {
            try
            {
                using var response = await Client.GetAsync(path);
                last = (int)response.StatusCode;
                if (last == status)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                last = -1;
            }

            await Task.Delay(250);
        }

        return last;
    }

    /// <summary>Polls the named health checks in-process until all are healthy; <see langword="false"/> if not within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForChecksAsync(string[] healthy, TimeSpan timeout)
        => WaitForReportAsync(healthy, report => report.Entries.Count == healthy.Length && report.Status == HealthStatus.Healthy, timeout);

    /// <summary>Polls the named health check in-process until it reports <paramref name="status"/>; <see langword="false"/> if not within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForCheckAsync(string name, HealthStatus status, TimeSpan timeout)
        => WaitForReportAsync([name], report => report.Entries.TryGetValue(name, out var entry) && entry.Status == status, timeout);

    private async Task<bool> WaitForReportAsync(string[] names, Func<HealthReport, bool> condition, TimeSpan timeout)
    {
        var checks = App.Services.GetRequiredService<HealthCheckService>();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (condition(await checks.CheckHealthAsync(r => names.Contains(r.Name))))
            {
                return true;
            }

            if (watch.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }
    }

    public async Task<int> StatusAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return (int)response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Every message the service's consumer handled, with the trace id of the handler's span. While <see cref="Hold"/> is
/// set, the handler waits for it (or its cancellation token) after recording a message, like a slow handler.
/// </summary>
internal sealed class HandledMessages
{
    public ConcurrentQueue<(PlatformMessage Message, string TraceId)> Items { get; } = new();

    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Gets the ids of the messages whose handler saw its cancellation token fire while held.</summary>
    public ConcurrentQueue<string?> Canceled { get; } = new();

    public async Task<IReadOnlyList<(PlatformMessage Message, string TraceId)>> WaitForAsync(Func<PlatformMessage, bool> predicate, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            var found = Items.Where(i => predicate(i.Message)).ToArray();
            if (found.Length > 0)
            {
                return found;
            }

            await Task.Delay(50);
        }

        return [];
    }
}

internal sealed class RecordingHandler(HandledMessages handled) : IPlatformMessageHandler
{
    public async Task HandleAsync(PlatformMessage message, CancellationToken cancellationToken)
    {
        handled.Items.Enqueue((message, Activity.Current?.TraceId.ToString() ?? string.Empty));
        if (handled.Hold is { } hold)
        {
            try
            {
                await hold.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                handled.Canceled.Enqueue(message.MessageId);
                throw;
            }
        }
    }
}
