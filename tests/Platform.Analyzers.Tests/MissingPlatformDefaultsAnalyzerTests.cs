using Platform.Analyzers.Analyzers;
using Platform.Analyzers.CodeFixes;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class MissingPlatformDefaultsAnalyzerTests
{
    private static ProjectSetup WebApp => ProjectSetup.Web.AsExecutable().WithServiceDefaults();

    [Fact]
    public async Task Web_host_without_AddPlatformDefaults_is_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            var builder = {|#0:WebApplication.CreateBuilder(args)|};
            var app = builder.Build();
            app.Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, WebApp,
            Verify.Diagnostic("PLAT1002").WithLocation(0).WithArguments("WebApplication.CreateBuilder"));
    }

    [Fact]
    public async Task Worker_host_without_AddPlatformDefaults_is_reported()
    {
        const string source = """
            using Microsoft.Extensions.Hosting;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = [|Host.CreateApplicationBuilder(args)|];
                    builder.Build().Run();
                }
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, ProjectSetup.Worker.AsExecutable().WithServiceDefaults());
    }

    [Fact]
    public async Task Host_that_calls_AddPlatformDefaults_is_not_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Platform.ServiceDefaults;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddPlatformDefaults();
            var app = builder.Build();
            app.Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, WebApp);
    }

    [Fact]
    public async Task Builder_handed_to_a_project_method_is_not_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;
            using Platform.ServiceDefaults;

            var builder = WebApplication.CreateBuilder(args);
            Setup.Configure(builder);
            builder.Build().Run();

            static class Setup
            {
                public static void Configure(IHostApplicationBuilder builder) => builder.AddPlatformDefaults();
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, WebApp);
    }

    [Fact]
    public async Task Host_is_not_reported_when_Platform_ServiceDefaults_is_not_referenced()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            builder.Build().Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, ProjectSetup.Web.AsExecutable());
    }

    [Theory]
    [InlineData("library")]
    [InlineData("console")]
    [InlineData("test")]
    public async Task Host_is_not_reported_outside_web_and_worker_projects(string kind)
    {
        const string source = """
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Build().Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, new ProjectSetup { Kind = kind }.AsExecutable().WithServiceDefaults());
    }

    [Fact]
    public async Task Standalone_web_executable_is_inferred_as_a_web_service()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            var builder = [|WebApplication.CreateBuilder(args)|];
            builder.Build().Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, ProjectSetup.Standalone.AsExecutable().WithServiceDefaults());
    }

    [Fact]
    public async Task Fix_inserts_AddPlatformDefaults_after_the_builder_and_the_using()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            var builder = [|WebApplication.CreateBuilder(args)|];
            var app = builder.Build();
            app.Run();
            """;
        const string fixedSource = """
            using Microsoft.AspNetCore.Builder;
            using Platform.ServiceDefaults;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddPlatformDefaults();
            var app = builder.Build();
            app.Run();
            """;
        await Verify.CodeFixAsync<MissingPlatformDefaultsAnalyzer, AddPlatformDefaultsCodeFixProvider>(source, fixedSource, WebApp);
    }

    [Fact]
    public async Task Fix_works_inside_a_Main_method()
    {
        const string source = """
            using Microsoft.Extensions.Hosting;
            using Platform.ServiceDefaults;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = [|Host.CreateApplicationBuilder(args)|];
                    builder.Build().Run();
                }
            }
            """;
        const string fixedSource = """
            using Microsoft.Extensions.Hosting;
            using Platform.ServiceDefaults;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = Host.CreateApplicationBuilder(args);
                    builder.AddPlatformDefaults();
                    builder.Build().Run();
                }
            }
            """;
        await Verify.CodeFixAsync<MissingPlatformDefaultsAnalyzer, AddPlatformDefaultsCodeFixProvider>(source, fixedSource, ProjectSetup.Worker.AsExecutable().WithServiceDefaults());
    }

    [Fact]
    public async Task Generic_host_builder_is_reported_without_a_fix()
    {
        const string source = """
            using Microsoft.Extensions.Hosting;

            var host = [|Host.CreateDefaultBuilder(args)|].Build();
            host.Run();
            """;
        await Verify.CodeFixAsync<MissingPlatformDefaultsAnalyzer, AddPlatformDefaultsCodeFixProvider>(source, source, ProjectSetup.Worker.AsExecutable().WithServiceDefaults());
    }
}
