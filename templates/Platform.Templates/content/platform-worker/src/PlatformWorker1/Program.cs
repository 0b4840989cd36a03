#if (UseRabbitMQ)
using Platform.Patterns.RabbitMQ;
#endif
using PlatformWorker1;

var builder = Host.CreateApplicationBuilder(args);
builder.AddPlatformDefaults();
#if (UseRabbitMQ)
builder.AddPlatformRabbitMQ("messaging");    // ConnectionStrings:messaging
builder.AddPlatformMessageConsumer<ProductEventHandler>(ProductEventHandler.Queue);
#endif

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<WorkerOptions>(builder.Configuration.GetSection(WorkerOptions.Section));
builder.Services.AddHostedService<Worker>();

builder.Build().Run();
