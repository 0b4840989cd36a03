using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class HttpClientInstantiationAnalyzerTests
{
    [Fact]
    public async Task New_HttpClient_in_a_service_class_is_reported()
    {
        const string source = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class WeatherService
            {
                public async Task<string> GetAsync()
                {
                    using var client = {|#0:new HttpClient()|};
                    return await client.GetStringAsync("https://example.com");
                }
            }
            """;
        await Verify.AnalyzerAsync<HttpClientInstantiationAnalyzer>(source, ProjectSetup.Web,
            Verify.Diagnostic("PLAT2001").WithLocation(0).WithArguments("HttpClient"));
    }

    [Fact]
    public async Task New_handlers_outside_the_composition_root_are_reported()
    {
        const string source = """
            using System.Net.Http;

            public class Factory
            {
                public HttpMessageHandler Create(bool sockets) =>
                    sockets ? [|new SocketsHttpHandler()|] : [|new HttpClientHandler()|];
            }
            """;
        await Verify.AnalyzerAsync<HttpClientInstantiationAnalyzer>(source, ProjectSetup.Library);
    }

    [Fact]
    public async Task Injected_typed_client_is_not_reported()
    {
        const string source = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class WeatherClient(HttpClient client)
            {
                public Task<string> GetAsync() => client.GetStringAsync("/weather");
            }
            """;
        await Verify.AnalyzerAsync<HttpClientInstantiationAnalyzer>(source, ProjectSetup.Web);
    }

    [Fact]
    public async Task Handlers_created_in_service_registration_are_not_reported()
    {
        const string source = """
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class WeatherRegistration
            {
                public static IServiceCollection AddWeather(this IServiceCollection services)
                {
                    services.AddHttpClient("weather")
                        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                    return services;
                }
            }

            public class Module
            {
                public void Register(ServiceCollection services)
                {
                    services.AddSingleton(_ => new HttpClient());
                }
            }
            """;
        await Verify.AnalyzerAsync<HttpClientInstantiationAnalyzer>(source, ProjectSetup.Web);
    }

    [Fact]
    public async Task New_HttpClient_in_top_level_statements_is_not_reported()
    {
        const string source = """
            using System.Net.Http;

            var client = new HttpClient();
            System.Console.WriteLine(client.Timeout);
            """;
        await Verify.AnalyzerAsync<HttpClientInstantiationAnalyzer>(source, ProjectSetup.Console.AsExecutable());
    }

    [Fact]
    public async Task New_HttpClient_in_a_test_project_is_not_reported()
    {
        const string source = """
            using System.Net.Http;

            public class ApiTests
            {
                public HttpClient Client { get; } = new HttpClient();
            }
            """;
        await Verify.AnalyzerAsync<HttpClientInstantiationAnalyzer>(source, ProjectSetup.Test);
    }
}
