using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Patterns.PostgreSql;
using Platform.Testing.Otlp;
using Platform.ServiceDefaults;
using RabbitMQ.Client;

namespace Platform.Patterns.Tests;

/// <summary>The patterns against the private servers: telemetry, readiness, messaging and migrations, one e2e each.</summary>
[Collection(ServersCollection.Name)]
public sealed class ServerTests(ServersFixture servers, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task One_trace_id_from_the_request_through_db_cache_publish_and_consumer_at_the_OTLP_receiver()
    {
        servers.RequireAll();
        var database = await MigratedDatabaseAsync("traced");
        await using var service = await PatternService.StartAsync(PatternService.Settings(servers, database), "order-created-traced", consume: true);

        using var response = await service.Client.PostAsync("/orders/7", content: null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var traceId = body.GetProperty("traceId").GetString()!;
        var messageId = body.GetProperty("messageId").GetString()!;

        var handled = await service.Handled.WaitForAsync(m => m.MessageId == messageId, Wait);
        Assert.Equal(traceId, Assert.Single(handled).TraceId);

        await servers.Receiver.WaitForAsync(
            r => HasSpans(r.Spans.Where(s => s.TraceId == traceId).ToArray()),
            Wait);
        var trace = servers.Receiver.Spans.Where(s => s.TraceId == traceId).ToArray();
        output.WriteLine(string.Join("\n", trace.Select(s => $"{s.Kind} {s.Name} [{s.ScopeName}]")));

        Assert.Contains(trace, s => s.Kind == OtlpSpanKind.Server && s.Attributes.GetString("http.route") == "/orders/{id:long}");
        Assert.Contains(trace, s => s.Kind == OtlpSpanKind.Client && s.Attributes.GetString("db.system.name") is "postgresql" || s.Attributes.GetString("db.system") is "postgresql");
        Assert.Contains(trace, s => s.Attributes.GetString("db.system") is "redis" || s.Attributes.GetString("db.system.name") is "redis");
        Assert.Contains(trace, s => s.Kind == OtlpSpanKind.Producer && s.Attributes.GetString("messaging.system") == "rabbitmq");
        var process = Assert.Single(trace, s => s.Kind == OtlpSpanKind.Consumer && s.ScopeName == "Platform.Patterns.RabbitMQ");
        Assert.Equal(messageId, process.Attributes.GetString("messaging.message.id"));
        Assert.Equal("platform-patterns-tests", process.Resource.GetString("service.name"));

        // Metrics through the same pipeline: Npgsql's and the platform's messaging counters.
        await servers.Receiver.WaitForMetricAsync(m => m.ScopeName == "Npgsql", Wait);
        await servers.Receiver.WaitForMetricAsync(m => m.Name == "messaging.client.consumed.messages", Wait);
    }

    [SkippableFact]
    public async Task Readiness_fails_while_a_server_is_down_liveness_stays_healthy_and_both_recover()
    {
        servers.RequireAll();
        var database = await MigratedDatabaseAsync("health");
        await using var service = await PatternService.StartAsync(PatternService.Settings(servers, database), "order-created-health", consume: true);
        Assert.Equal(200, await service.WaitForStatusAsync(PlatformHealthChecks.ReadyPath, 200, Wait));

        (string Name, Func<Task> Stop, Func<Task> Restart)[] outages =
        [
            ("PostgreSQL", servers.Postgres!.StopAsync, servers.Postgres.RestartAsync),
            ("Redis", servers.Redis!.StopAsync, servers.Redis.RestartAsync),
            ("RabbitMQ", servers.RabbitMq!.StopAsync, servers.RabbitMq.RestartAsync),
        ];
        foreach (var (name, stop, restart) in outages)
        {
            await stop();
            try
            {
                Assert.True(503 == await service.WaitForStatusAsync(PlatformHealthChecks.ReadyPath, 503, Wait), $"{name} down: /health/ready did not turn 503");
                Assert.Equal(200, await service.StatusAsync(PlatformHealthChecks.LivePath));
                Assert.Equal(200, await service.StatusAsync(PlatformHealthChecks.StartupPath));
            }
            finally
            {
                await restart();
            }

            Assert.True(200 == await service.WaitForStatusAsync(PlatformHealthChecks.ReadyPath, 200, TimeSpan.FromSeconds(60)), $"{name} back: /health/ready did not recover");
            Assert.Equal(200, await service.StatusAsync(PlatformHealthChecks.LivePath));
            output.WriteLine($"{name}: ready 503 while down, live 200 throughout, ready 200 after restart");
        }
    }

    [SkippableFact]
    public async Task Message_published_while_the_consumer_is_down_is_processed_once_when_it_is_back()
    {
        servers.RequireAll();
        var database = await MigratedDatabaseAsync("lost_consumer");
        const string queue = "order-created-lost-consumer";
        var settings = PatternService.Settings(servers, database);

        // The consumer ran once (connected: the queue exists), then went away.
        await using (var first = await PatternService.StartAsync(settings, queue, consume: true))
        {
            Assert.Equal(200, await first.WaitForStatusAsync(PlatformHealthChecks.ReadyPath, 200, Wait));
        }

        string messageId;
        await using (var publisher = await PatternService.StartAsync(settings, queue, consume: false))
        {
            using var response = await publisher.Client.PostAsync("/orders/42", content: null);
            response.EnsureSuccessStatusCode();
            messageId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString()!;
        }

        await using var consumer = await PatternService.StartAsync(settings, queue, consume: true);
        var handled = await consumer.Handled.WaitForAsync(m => m.MessageId == messageId, Wait);
        Assert.Single(handled);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(consumer.Handled.Items, i => i.Message.MessageId == messageId);
        Assert.False(handled[0].Message.Redelivered);
    }

    [SkippableFact]
    public async Task Service_starts_while_the_broker_is_down_is_ready_once_it_is_back_and_consumes()
    {
        servers.RequireAll();
        var database = await MigratedDatabaseAsync("broker_down");
        const string queue = "order-created-broker-down";
        await servers.RabbitMq!.StopAsync();
        PatternService service;
        try
        {
            var watch = Stopwatch.StartNew();
            service = await PatternService.StartAsync(PatternService.Settings(servers, database), queue, consume: true);
            var started = watch.Elapsed;

            // Aspire's connect on the startup path would hold StartAsync for its retries (1 + 2 + 4 + 8 + 16 s), then fail.
            Assert.True(started < TimeSpan.FromSeconds(10), $"StartAsync took {started} with the broker down");
            Assert.Equal(200, await service.StatusAsync(PlatformHealthChecks.LivePath));
            Assert.True(await service.WaitForChecksAsync(healthy: ["PostgreSql", "StackExchange.Redis"], Wait), "PostgreSQL and Redis checks did not turn healthy");
            Assert.Equal(503, await service.StatusAsync(PlatformHealthChecks.ReadyPath));
            Assert.False(await service.WaitForChecksAsync(healthy: ["RabbitMQ.Client"], TimeSpan.Zero), "RabbitMQ check healthy with the broker down");
            Assert.Equal(200, await service.StatusAsync(PlatformHealthChecks.LivePath));
            output.WriteLine($"broker down: started in {started.TotalMilliseconds:0} ms, live 200, ready 503");
        }
        finally
        {
            await servers.RabbitMq.RestartAsync();
        }

        await using (service)
        {
            Assert.True(200 == await service.WaitForStatusAsync(PlatformHealthChecks.ReadyPath, 200, TimeSpan.FromSeconds(60)), "broker back: /health/ready did not turn 200");
            using var response = await service.Client.PostAsync("/orders/77", content: null);
            response.EnsureSuccessStatusCode();
            var messageId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString()!;
            Assert.Single(await service.Handled.WaitForAsync(m => m.MessageId == messageId, Wait));

            // Code that injects IConnection itself gets the same open connection (disposed once, with the host).
            Assert.True(service.App.Services.GetRequiredService<IConnection>().IsOpen);
        }
    }

    [SkippableFact]
    public async Task Migrations_apply_each_script_once_even_when_two_runs_race()
    {
        servers.RequirePostgres();
        await servers.Postgres!.CreateDatabaseAsync("migrations");
        var connectionString = servers.Postgres.ConnectionString("migrations");

        var runs = await Task.WhenAll(
            Task.Run(() => PlatformDatabaseMigrator.MigrateAsync(connectionString, typeof(ServerTests).Assembly, NullLogger.Instance)),
            Task.Run(() => PlatformDatabaseMigrator.MigrateAsync(connectionString, typeof(ServerTests).Assembly, NullLogger.Instance)));

        Assert.Equal(
            ["Platform.Migrations.0001_orders.sql", "Platform.Migrations.0002_orders_quantity.sql"],
            runs.SelectMany(r => r).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(await PlatformDatabaseMigrator.MigrateAsync(connectionString, typeof(ServerTests).Assembly, NullLogger.Instance));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'quantity'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    internal static bool HasSpans(OtlpSpan[] trace)
        => trace.Any(s => s.Kind == OtlpSpanKind.Server)
            && trace.Any(s => s.Attributes.GetString("db.system") is "postgresql" || s.Attributes.GetString("db.system.name") is "postgresql")
            && trace.Any(s => s.Attributes.GetString("db.system") is "redis" || s.Attributes.GetString("db.system.name") is "redis")
            && trace.Any(s => s.Kind == OtlpSpanKind.Producer)
            && trace.Any(s => s.Kind == OtlpSpanKind.Consumer && s.ScopeName == "Platform.Patterns.RabbitMQ");

    private async Task<string> MigratedDatabaseAsync(string name)
    {
        await servers.Postgres!.CreateDatabaseAsync(name);
        await PlatformDatabaseMigrator.MigrateAsync(servers.Postgres.ConnectionString(name), typeof(ServerTests).Assembly, NullLogger.Instance);
        return name;
    }
}
