using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Testing.Otlp;

namespace Platform.ServiceDefaults.Tests;

/// <summary>A real web service on Kestrel (127.0.0.1, free port) built with AddPlatformDefaults + MapPlatformEndpoints.</summary>
internal sealed class TestService : IAsyncDisposable
{
    private TestService(WebApplication app, Uri address)
    {
        App = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Configuration that points the OTel SDK at <paramref name="receiver"/> with short export intervals.</summary>
    public static Dictionary<string, string?> OtlpSettings(Uri endpoint) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
    };

    public static async Task<TestService> StartAsync(
        Assembly serviceAssembly,
        Dictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<WebApplication>? configureApp = null,
        string environment = "Production")
    {
        var builder = CreateBuilder(environment, settings);
        builder.AddPlatformDefaults(options => options.ServiceAssembly = serviceAssembly);
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.MapPlatformEndpoints();
        configureApp?.Invoke(app);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestService(app, new Uri(address));
    }

    public static WebApplicationBuilder CreateBuilder(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // Only 127.0.0.1 on a free port, whatever the environment says (ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS in container images).
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);
        return builder;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
