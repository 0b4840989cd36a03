using Platform.Analyzers.Analyzers;
using Platform.Analyzers.CodeFixes;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class MissingPlatformEndpointsAnalyzerTests
{
    private static ProjectSetup WebApp => ProjectSetup.Web.AsExecutable().WithServiceDefaults();

    [Fact]
    public async Task Web_app_without_MapPlatformEndpoints_is_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Platform.ServiceDefaults;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddPlatformDefaults();
            var app = [|builder.Build()|];
            app.MapGet("/", () => "hello");
            app.Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformEndpointsAnalyzer>(source, WebApp);
    }

    [Fact]
    public async Task Web_app_that_maps_the_platform_endpoints_is_not_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Platform.ServiceDefaults;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapPlatformEndpoints();
            app.Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformEndpointsAnalyzer>(source, WebApp);
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("test")]
    public async Task Web_app_is_not_reported_outside_web_projects(string kind)
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformEndpointsAnalyzer>(source, new ProjectSetup { Kind = kind }.AsExecutable().WithServiceDefaults());
    }

    [Fact]
    public async Task Web_app_is_not_reported_when_Platform_ServiceDefaults_is_not_referenced()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformEndpointsAnalyzer>(source, ProjectSetup.Web.AsExecutable());
    }

    [Fact]
    public async Task Fix_inserts_MapPlatformEndpoints_after_Build()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var builder = WebApplication.CreateBuilder(args);
            var app = [|builder.Build()|];
            app.MapGet("/", () => Results.Ok());
            app.Run();
            """;
        const string fixedSource = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Platform.ServiceDefaults;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapPlatformEndpoints();
            app.MapGet("/", () => Results.Ok());
            app.Run();
            """;
        await Verify.CodeFixAsync<MissingPlatformEndpointsAnalyzer, MapPlatformEndpointsCodeFixProvider>(source, fixedSource, WebApp);
    }
}
