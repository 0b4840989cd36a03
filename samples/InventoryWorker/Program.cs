using InventoryWorker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddPlatformDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHostedService<RestockWorker>();

builder.Build().Run();
