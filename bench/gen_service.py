#!/usr/bin/env python3
"""Generates a realistic ~N-file service for bench/analyzers.sh into DIR (Program.cs + N-1 feature files).

Usage: gen_service.py DIR N
Each feature file is one of: a service class (ILogger<T>, IHttpClientFactory, TimeProvider, async/await, cancellation),
a typed HttpClient, a BackgroundService, an endpoint-mapping extension, or records/validation helpers.
Every 25th file carries one platform-rule violation (console output, new HttpClient, DateTime.UtcNow, .Result,
Thread.Sleep, Environment.GetEnvironmentVariable, a hard-coded secret), so the rules also report, as in real code.
"""
import os
import sys

out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)

VIOLATIONS = [
    '        Console.WriteLine($"processing {id}");',
    '        using var raw = new HttpClient();',
    '        var stamp = DateTime.UtcNow;',
    '        var blocked = Task.FromResult(id).Result;',
    '        Thread.Sleep(1);',
    '        var region = Environment.GetEnvironmentVariable("REGION");',
    '        const string password = "P@ssw0rd-123456";',
]


def service(i, violation):
    return f'''namespace Bench.Features.F{i:03d};

using System.Net.Http.Json;

/// <summary>An item of feature {i}.</summary>
public sealed record Item{i}(int Id, string Name, decimal Price, DateTimeOffset UpdatedAt);

/// <summary>Request to update an item of feature {i}.</summary>
public sealed record UpdateItem{i}Request(string Name, decimal Price);

/// <summary>Business logic of feature {i}.</summary>
public sealed partial class Feature{i}Service(ILogger<Feature{i}Service> logger, IHttpClientFactory httpClientFactory, TimeProvider clock)
{{
    private readonly Dictionary<int, Item{i}> _items = new();

    /// <summary>Gets an item, from the cache or the upstream service.</summary>
    public async Task<Item{i}?> GetAsync(int id, CancellationToken cancellationToken)
    {{
        if (_items.TryGetValue(id, out var cached))
        {{
            LogCacheHit(id);
            return cached;
        }}
{violation}
        var client = httpClientFactory.CreateClient("upstream");
        var item = await client.GetFromJsonAsync<Item{i}>($"/items/{{id}}", cancellationToken).ConfigureAwait(false);
        if (item is not null)
        {{
            _items[id] = item with {{ UpdatedAt = clock.GetUtcNow() }};
            logger.LogInformation("Fetched item {{ItemId}} named {{Name}}", id, item.Name);
        }}

        return item;
    }}

    /// <summary>Updates an item, validating the request.</summary>
    public async Task<Item{i}> UpdateAsync(int id, UpdateItem{i}Request request, CancellationToken cancellationToken)
    {{
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Price < 0)
        {{
            throw new ArgumentException("Invalid item.", nameof(request));
        }}

        var client = httpClientFactory.CreateClient("upstream");
        using var response = await client.PutAsJsonAsync($"/items/{{id}}", request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var updated = new Item{i}(id, request.Name, request.Price, clock.GetUtcNow());
        _items[id] = updated;
        logger.LogInformation("Updated item {{ItemId}} at {{Price}}", id, request.Price);
        return updated;
    }}

    /// <summary>Total price of the cached items above a threshold.</summary>
    public decimal Total(decimal threshold) => _items.Values.Where(x => x.Price > threshold).Sum(x => x.Price);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cache hit for item {{ItemId}}")]
    private partial void LogCacheHit(int itemId);
}}
'''


def typed_client(i, violation):
    return f'''namespace Bench.Features.F{i:03d};

using System.Net.Http.Json;

/// <summary>Typed client for the upstream of feature {i}.</summary>
public sealed class Upstream{i}Client(HttpClient http, ILogger<Upstream{i}Client> logger)
{{
    /// <summary>Reads a quantity upstream.</summary>
    public async Task<int> GetQuantityAsync(int id, CancellationToken cancellationToken)
    {{
{violation}
        try
        {{
            return await http.GetFromJsonAsync<int>($"/quantity/{{id}}", cancellationToken).ConfigureAwait(false);
        }}
        catch (HttpRequestException ex)
        {{
            logger.LogWarning(ex, "Upstream failed for {{Id}}", id);
            return 0;
        }}
    }}

    /// <summary>Posts an event upstream.</summary>
    public async Task PublishAsync(string name, CancellationToken cancellationToken)
    {{
        using var response = await http.PostAsJsonAsync("/events", new {{ name }}, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }}
}}
'''


def worker(i, violation):
    return f'''namespace Bench.Features.F{i:03d};

/// <summary>Periodic work of feature {i}.</summary>
public sealed class Feature{i}Worker(ILogger<Feature{i}Worker> logger, TimeProvider clock) : BackgroundService
{{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {{
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {{
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }}
    }}

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {{
        var id = clock.GetUtcNow().Second;
{violation}
        await Task.Delay(TimeSpan.FromMilliseconds(10), clock, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Feature {{Feature}} ran at {{Time}}", {i}, clock.GetUtcNow());
    }}
}}
'''


def endpoints(i, violation):
    return f'''namespace Bench.Features.F{i:03d};

/// <summary>HTTP endpoints of feature {i}.</summary>
public static class Feature{i}Endpoints
{{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapFeature{i}(this IEndpointRouteBuilder app)
    {{
        var group = app.MapGroup("/f{i}");
        group.MapGet("/{{id:int}}", async (int id, ILogger<Marker> logger, CancellationToken ct) =>
        {{
            logger.LogInformation("GET {{Id}}", id);
            await Task.Yield();
            return Results.Ok(Describe(id));
        }});
        group.MapDelete("/{{id:int}}", (int id) => Results.NoContent());
        return app;
    }}

    private static string Describe(int id)
    {{
{violation}
        return id switch
        {{
            < 0 => "negative",
            0 => "zero",
            < 100 => "small",
            _ => "large",
        }};
    }}

    /// <summary>Logger category.</summary>
    public sealed class Marker;
}}
'''


def helpers(i, violation):
    return f'''namespace Bench.Features.F{i:03d};

/// <summary>Validation helpers of feature {i}.</summary>
public static class Feature{i}Rules
{{
    /// <summary>Validates a name.</summary>
    public static IReadOnlyList<string> Validate(string? name, int quantity)
    {{
        var id = quantity;
{violation}
        var errors = new List<string>();
        if (string.IsNullOrEmpty(name)) errors.Add("name is required");
        else if (name.Length > 100) errors.Add("name is too long");
        if (quantity is < 0 or > 10_000) errors.Add("quantity is out of range");
        return errors;
    }}

    /// <summary>Normalises a code.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}}
'''


kinds = [service, typed_client, worker, endpoints, helpers]
for i in range(1, count):
    violation = VIOLATIONS[(i // 25) % len(VIOLATIONS)] if i % 25 == 0 else ""
    with open(os.path.join(out, f"Feature{i:03d}.cs"), "w") as f:
        f.write(kinds[i % len(kinds)](i, violation))

with open(os.path.join(out, "Program.cs"), "w") as f:
    f.write("""var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpClient("upstream", c => c.BaseAddress = new Uri("http://localhost:5081"));

var app = builder.Build();
app.MapPlatformEndpoints();
app.Run();

/// <summary>Entry point.</summary>
public partial class Program;
""")
