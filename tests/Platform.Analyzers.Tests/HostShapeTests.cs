using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

/// <summary>PLAT1002/PLAT1003 on the host shapes real services use: Startup-style hosts and the app's own setup methods.</summary>
public class HostShapeTests
{
    private static ProjectSetup WebApp => ProjectSetup.Web.AsExecutable().WithServiceDefaults();

    private const string Startup = """
        public class Startup
        {
            public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }
            public void Configure(Microsoft.AspNetCore.Builder.IApplicationBuilder app) { }
        }
        """;

    [Fact]
    public async Task WebHost_CreateDefaultBuilder_with_UseStartup_is_reported()
    {
        const string source = """
            using Microsoft.AspNetCore;
            using Microsoft.AspNetCore.Hosting;

            public static class Program
            {
                public static void Main(string[] args) => BuildWebHost(args).Run();

                public static IWebHost BuildWebHost(string[] args) =>
                    {|#0:WebHost.CreateDefaultBuilder(args)|}.UseStartup<Startup>().Build();
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, WebApp.WithSource(Startup),
            Verify.Diagnostic("PLAT1002").WithLocation(0).WithArguments("WebHost.CreateDefaultBuilder"));
    }

    [Fact]
    public async Task Generic_host_with_ConfigureWebHostDefaults_is_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            public static class Program
            {
                public static void Main(string[] args) => CreateHostBuilder(args).Build().Run();

                public static IHostBuilder CreateHostBuilder(string[] args) =>
                    {|#0:Host.CreateDefaultBuilder(args)|}.ConfigureWebHostDefaults(web => web.UseStartup<Startup>());
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, WebApp.WithSource(Startup),
            Verify.Diagnostic("PLAT1002").WithLocation(0).WithArguments("Host.CreateDefaultBuilder"));
    }

    [Fact]
    public async Task Builder_handed_to_an_own_method_that_does_not_call_AddPlatformDefaults_is_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = [|WebApplication.CreateBuilder(args)|];
            builder.AddApplicationServices();
            builder.Build().Run();

            static class DependencyInjection
            {
                public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder) => builder;
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, WebApp);
    }

    [Fact]
    public async Task Own_methods_are_followed_through_the_builder_they_are_handed()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;
            using Platform.ServiceDefaults;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            builder.Build().Run();

            static class Extensions
            {
                public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
                {
                    Telemetry(builder);
                    return builder;
                }

                private static void Telemetry(IHostApplicationBuilder builder) => builder.AddPlatformDefaults();
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, WebApp);
    }

    [Fact]
    public async Task A_wrapper_in_another_assembly_counts_only_when_declared_in_the_configuration()
    {
        const string source = """
            using Company;
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddCompanyDefaults();
            builder.Build().Run();
            """;
        var withWrapper = WebApp.WithReference(CompanyLibrary())
            .WithConfig("/.editorconfig", "root = true\n[*.cs]\nplatform.PLAT1002.setup_methods = AddCompanyDefaults\n");
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(source, withWrapper);

        const string reported = """
            using Company;
            using Microsoft.AspNetCore.Builder;

            var builder = [|WebApplication.CreateBuilder(args)|];
            builder.AddCompanyDefaults();
            builder.Build().Run();
            """;
        await Verify.AnalyzerAsync<MissingPlatformDefaultsAnalyzer>(reported, WebApp.WithReference(CompanyLibrary()));
    }

    [Fact]
    public async Task UseStartup_whose_Configure_maps_the_platform_endpoints_is_not_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            using Platform.ServiceDefaults;

            public static class Program
            {
                public static void Main(string[] args) => CreateHostBuilder(args).Build().Run();

                public static IHostBuilder CreateHostBuilder(string[] args) =>
                    Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>());
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app) =>
                    app.UseRouting().UseEndpoints(endpoints => endpoints.MapPlatformEndpoints());
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformEndpointsAnalyzer>(source, WebApp);
    }

    [Fact]
    public async Task UseStartup_whose_Configure_does_not_map_the_platform_endpoints_is_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            public static class Program
            {
                public static void Main(string[] args) => CreateHostBuilder(args).Build().Run();

                public static IHostBuilder CreateHostBuilder(string[] args) =>
                    Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => [|web.UseStartup<Startup>()|]);
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformEndpointsAnalyzer>(source, WebApp.WithSource(Startup));
    }

    [Fact]
    public async Task App_handed_to_an_own_method_that_does_not_map_the_platform_endpoints_is_reported()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = [|builder.Build()|];
            app.MapTodoEndpoints();
            app.Run();

            static class Endpoints
            {
                public static WebApplication MapTodoEndpoints(this WebApplication app) => app;
            }
            """;
        await Verify.AnalyzerAsync<MissingPlatformEndpointsAnalyzer>(source, WebApp);
    }

    /// <summary>A referenced assembly (metadata, as csc sees a ProjectReference) with a wrapper that calls AddPlatformDefaults.</summary>
    private static Microsoft.CodeAnalysis.MetadataReference CompanyLibrary()
    {
        const string library = """
            namespace Company
            {
                public static class CompanyHosting
                {
                    public static TBuilder AddCompanyDefaults<TBuilder>(this TBuilder builder) where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder =>
                        Platform.ServiceDefaults.PlatformServiceDefaultsExtensions.AddPlatformDefaults(builder);
                }
            }
            """;
        var compilation = SourceAnalysis.Compile("Company.Hosting",
            new[] { SourceAnalysis.Parse(library, "/lib/CompanyHosting.cs"), SourceAnalysis.Parse(ProjectSetup.ServiceDefaultsStub, "/lib/Defaults.cs") },
            Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(stream.ToArray());
    }
}
