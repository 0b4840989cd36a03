var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpClient<InventoryClient>(client => client.BaseAddress = new Uri(builder.Configuration["Inventory:BaseUrl"] ?? "http://localhost:5081"));

var app = builder.Build();
app.MapPlatformEndpoints();

app.MapGet("/orders/{id:int}", (int id, TimeProvider clock, ILogger<Program> logger) =>
{
    logger.LogInformation("Fetching order {OrderId}", id);
    return Results.Ok(new Order(id, clock.GetUtcNow()));
});

app.MapGet("/orders/{id:int}/stock", async (int id, InventoryClient inventory, CancellationToken cancellationToken) =>
    Results.Ok(await inventory.GetStockAsync(id, cancellationToken)));

app.Run();

/// <summary>An order as the API returns it.</summary>
public sealed record Order(int Id, DateTimeOffset ReadAt);

/// <summary>Typed client for the inventory service; resilience comes from the platform defaults.</summary>
public sealed class InventoryClient(HttpClient http)
{
    /// <summary>Units in stock for the order's product.</summary>
    public async Task<int> GetStockAsync(int orderId, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<int>($"/stock/{orderId}", cancellationToken);
}

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
