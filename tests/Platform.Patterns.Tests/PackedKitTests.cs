using System.Net.Http.Json;
using System.Text.Json;
using Platform.Sdk.Testing;
using Platform.Testing.Otlp;

namespace Platform.Patterns.Tests;

/// <summary>
/// A service built on the packed kit (Platform.Sdk.Web and the three pattern packages from the temp feed) as its own
/// process against the private servers: build-time contract, the 'migrate' step, startup errors, and one traced request.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PackedKitTests(ServersFixture servers, ITestOutputHelper output)
{
    public const string Program = """
        using Npgsql;
        using Platform.Patterns.PostgreSql;
        using Platform.Patterns.RabbitMQ;
        using Platform.Patterns.Redis;
        using StackExchange.Redis;

        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformDefaults();
        builder.AddPlatformPostgres("orders");
        builder.AddPlatformRedis("cache");
        builder.AddPlatformRabbitMQ("messaging");
        builder.AddPlatformMessageConsumer<OrderPlacedHandler>("order-placed");

        var app = builder.Build();
        app.MapPlatformEndpoints();

        app.MapPost("/orders/{id:long}", async (long id, NpgsqlDataSource db, IConnectionMultiplexer cache, IPlatformMessagePublisher publisher) =>
        {
            await using var insert = db.CreateCommand("INSERT INTO orders (id, status) VALUES ($1, 'placed')");
            insert.Parameters.AddWithValue(id);
            await insert.ExecuteNonQueryAsync();
            await cache.GetDatabase().StringSetAsync($"order:{id}", "placed", TimeSpan.FromMinutes(5));
            await publisher.PublishAsync("order-placed", BitConverter.GetBytes(id));
            return Results.Ok(new { TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString() });
        });

        app.MapGet("/orders/{id:long}", async (long id, NpgsqlDataSource db) =>
        {
            await using var select = db.CreateCommand("SELECT status FROM orders WHERE id = $1");
            select.Parameters.AddWithValue(id);
            return await select.ExecuteScalarAsync() is string status ? Results.Ok(new { Status = status }) : Results.NotFound();
        });

        return await app.RunOrMigrateAsync(args);

        internal sealed class OrderPlacedHandler(NpgsqlDataSource db) : IPlatformMessageHandler
        {
            public async Task HandleAsync(PlatformMessage message, CancellationToken cancellationToken)
            {
                await using var update = db.CreateCommand("UPDATE orders SET status = 'shipped' WHERE id = $1");
                update.Parameters.AddWithValue(BitConverter.ToInt64(message.Body.Span));
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        """;

    [SkippableFact]
    public async Task Service_on_the_packed_kit_migrates_with_migrate_then_serves_one_trace_through_all_three()
    {
        servers.RequireAll();
        await servers.Postgres!.CreateDatabaseAsync("packed");
        var version = (await KitFeed.GetAsync()).Version;
        var repo = await ConsumerProject.Create("Orders")
            .WithSdk("Platform.Sdk.Web")
            .WithXml($$"""
                <ItemGroup>
                  <PackageReference Include="Platform.Patterns.PostgreSql" Version="{{version}}" />
                  <PackageReference Include="Platform.Patterns.Redis" Version="{{version}}" />
                  <PackageReference Include="Platform.Patterns.RabbitMQ" Version="{{version}}" />
                </ItemGroup>
                """)
            .WithFile("Program.cs", Program)
            .WithFile("Migrations/0001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);\n")
            .WriteAsync();
        var build = await repo.BuildAsync(ci: true);
        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal("true", (await repo.GetPropertiesAsync(false, "PlatformDatabaseMigrations"))["PlatformDatabaseMigrations"]);
        var dll = Path.Combine(repo.ProjectDirectory, "bin", "Debug", "net10.0", "Orders.dll");

        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__orders"] = servers.Postgres.ConnectionString("packed"),
            ["ConnectionStrings__cache"] = servers.Redis!.ConnectionString,
            ["ConnectionStrings__messaging"] = servers.RabbitMq!.ConnectionString,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = servers.Receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };

        // A missing connection string stops the start with the PLAT code and the key to set, on the first line.
        var missing = new Dictionary<string, string?>(environment) { ["ConnectionStrings__cache"] = null };
        var refused = await ProcessRunner.RunAsync("dotnet", [dll], repo.ProjectDirectory, missing, TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, refused.ExitCode);
        var firstLine = refused.Output.Split('\n').First(l => l.Contains("PLAT", StringComparison.Ordinal));
        Assert.Contains("PLAT0300: AddPlatformRedis(\"cache\") found no connection string 'ConnectionStrings:cache'", firstLine, StringComparison.Ordinal);

        // The deliberate step: 'migrate' applies the scripts and exits; a second run has nothing to do.
        var migrate = await ProcessRunner.RunAsync("dotnet", [dll, "migrate"], repo.ProjectDirectory, environment, TimeSpan.FromMinutes(1));
        Assert.True(migrate.Succeeded, migrate.ToString());
        Assert.Contains("1 migration(s) applied", migrate.Output, StringComparison.Ordinal);
        var again = await ProcessRunner.RunAsync("dotnet", [dll, "migrate"], repo.ProjectDirectory, environment, TimeSpan.FromMinutes(1));
        Assert.True(again.Succeeded, again.ToString());
        Assert.Contains("0 migration(s) applied", again.Output, StringComparison.Ordinal);

        var serviceEnvironment = environment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        await using var service = await RunningService.StartAsync(dll, serviceEnvironment, "/health/live");
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // As Kubernetes does: traffic only once ready (Redis connects right after startup, readiness waits for it).
        var ready = 0;
        for (var i = 0; i < 300 && ready != 200; i++, await Task.Delay(100))
        {
            ready = (int)(await http.GetAsync("/health/ready")).StatusCode;
        }

        Assert.Equal(200, ready);

        using var placed = await http.PostAsync("/orders/11", content: null);
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync() + service.Output);
        var traceId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!;

        // The consumer (same service) shipped the order: the message went through the broker and was acknowledged.
        var status = string.Empty;
        for (var i = 0; i < 100 && status != "shipped"; i++)
        {
            await Task.Delay(100);
            status = (await http.GetFromJsonAsync<JsonElement>("/orders/11")).GetProperty("status").GetString()!;
        }

        Assert.Equal("shipped", status);
        // Redis spans come from the client's profiler, which the instrumentation drains every few seconds.
        await servers.Receiver.WaitForAsync(r => ServerTests.HasSpans(r.Spans.Where(s => s.TraceId == traceId).ToArray()), TimeSpan.FromSeconds(45));
        var trace = servers.Receiver.Spans.Where(s => s.TraceId == traceId).ToArray();
        output.WriteLine(string.Join("\n", trace.Select(s => $"{s.Kind} {s.Name} [{s.ScopeName}] {s.Resource.GetString("service.name")}")));
        Assert.All(trace, s => Assert.Equal("orders", s.Resource.GetString("service.name")));
        Assert.Contains(trace, s => s.Kind == OtlpSpanKind.Server);
        Assert.Contains(trace, s => s.Attributes.GetString("db.system") is "redis" || s.Attributes.GetString("db.system.name") is "redis");
        Assert.Contains(trace, s => s.Kind == OtlpSpanKind.Producer && s.Attributes.GetString("messaging.system") == "rabbitmq");
    }
}
