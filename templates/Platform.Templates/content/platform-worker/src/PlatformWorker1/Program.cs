using PlatformWorker1;

var builder = Host.CreateApplicationBuilder(args);
builder.AddPlatformDefaults();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<WorkerOptions>(builder.Configuration.GetSection(WorkerOptions.Section));
builder.Services.AddHostedService<Worker>();

builder.Build().Run();
