#if (UsePostgres)
using Platform.Patterns.PostgreSql;
#endif
#if (UseRabbitMQ)
using Platform.Patterns.RabbitMQ;
#endif
#if (UseRedis)
using Platform.Patterns.Redis;
#endif
using PlatformApi1;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();
#if (UsePostgres)
builder.AddPlatformPostgres("database");     // ConnectionStrings:database
#endif
#if (UseRedis)
builder.AddPlatformRedis("cache");           // ConnectionStrings:cache
#endif
#if (UseRabbitMQ)
builder.AddPlatformRabbitMQ("messaging");    // ConnectionStrings:messaging
#endif
#if (!NoOpenApi)
builder.Services.AddOpenApi();
#endif

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpClient<CatalogClient>(client =>
    client.BaseAddress = new Uri(builder.Configuration["Catalog:BaseUrl"] ?? "http://localhost:5081"));

var app = builder.Build();
app.MapPlatformEndpoints();
#if (!NoOpenApi)
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}
#endif

app.MapGet("/products/{id:int}", async (int id, CatalogClient catalog, TimeProvider clock, ILogger<Program> logger, CancellationToken cancellationToken) =>
{
    var product = await catalog.GetProductAsync(id, cancellationToken);
    if (product is null)
    {
        logger.LogInformation("Product {ProductId} is not in the catalog", id);
        return Results.NotFound();
    }

    logger.LogInformation("Product {ProductId} read from the catalog", id);
    return Results.Ok(new ProductView(product.Id, product.Name, clock.GetUtcNow()));
});
#if (UsePostgres)
app.MapItems();
#endif
#if (UseRedis)
app.MapVisits();
#endif
#if (UseRabbitMQ)
app.MapEvents();
#endif

#if (UsePostgres)
// 'migrate' (the Kubernetes migration Job) applies Migrations/*.sql and exits; anything else runs the service.
return await app.RunOrMigrateAsync(args);
#else
app.Run();
#endif

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
