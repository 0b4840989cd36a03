using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

/// <summary>
/// The IDE and CI give the same diagnostics. `dotnet build` hands csc a ProjectReference as an assembly (its reference
/// assembly, without method bodies, when ProduceReferenceAssembly is on, as it is by default); the IDE's workspace links
/// the same project as a compilation reference, whose symbols have source. The app below is analysed against its
/// helper library in all three shapes and the PLAT diagnostics must be identical.
/// </summary>
public class IdeAndBuildAgreementTests
{
    private const string Helpers = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;
        using Platform.ServiceDefaults;

        namespace Company.Hosting;

        public static class HostingExtensions
        {
            // Calls the platform defaults: a wrapper the app may rely on.
            public static TBuilder AddCompanyDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
            {
                builder.AddPlatformDefaults();
                return builder;
            }

            // The clean-architecture style: registers services, never the platform defaults.
            public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder) => builder;

            public static WebApplication MapCompanyEndpoints(this WebApplication app)
            {
                app.MapPlatformEndpoints();
                return app;
            }
        }
        """;

    private const string App = """
        using Company.Hosting;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapCompanyEndpoints();
        app.Run();

        static class Other
        {
            static void Worker(string[] args)
            {
                var builder = Host.CreateApplicationBuilder(args);
                builder.AddCompanyDefaults();
                builder.Build().Run();
            }
        }
        """;

    public static TheoryData<string> Configurations { get; } = new() { "", "platform.PLAT1002.setup_methods = AddCompanyDefaults\nplatform.PLAT1003.setup_methods = Company.Hosting.HostingExtensions.MapCompanyEndpoints" };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task A_referenced_project_as_metadata_and_as_source_gives_identical_diagnostics(string configuration)
    {
        var defaults = SourceAnalysis.Compile("Platform.ServiceDefaults",
            new[] { SourceAnalysis.Parse(ProjectSetup.ServiceDefaultsStub, "/defaults/Defaults.cs") }, OutputKind.DynamicallyLinkedLibrary);
        var defaultsReference = Emit(defaults, metadataOnly: false);
        var helpers = SourceAnalysis.Compile("Company.Hosting",
            new[] { SourceAnalysis.Parse(Helpers, "/helpers/HostingExtensions.cs") }, OutputKind.DynamicallyLinkedLibrary, new[] { defaultsReference });
        Assert.Empty(helpers.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var shapes = new Dictionary<string, MetadataReference>
        {
            ["IDE: compilation reference (source symbols)"] = helpers.ToMetadataReference(),
            ["build: full assembly"] = Emit(helpers, metadataOnly: false),
            ["build: reference assembly (ProduceReferenceAssembly)"] = Emit(helpers, metadataOnly: true),
        };

        var options = new Dictionary<string, string> { ["build_property.PlatformProjectKind"] = "web" };
        foreach (var line in configuration.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('=', 2);
            options[parts[0].Trim()] = parts[1].Trim();
        }

        var results = new Dictionary<string, string[]>();
        foreach (var (shape, reference) in shapes)
        {
            var app = SourceAnalysis.Compile("App", new[] { SourceAnalysis.Parse(App, "/app/Program.cs") }, OutputKind.ConsoleApplication,
                new[] { defaultsReference, reference });
            Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var (diagnostics, exceptions) = await SourceAnalysis.RunAsync(app, SourceAnalysis.AnalyzersIn(typeof(Rules).Assembly), options);
            Assert.Empty(exceptions);
            results[shape] = diagnostics.Where(d => d.Id.StartsWith("PLAT", StringComparison.Ordinal))
                .Select(d => SourceAnalysis.Format(d, "/")).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        }

        var expected = configuration.Length == 0
            ? new[]
            {
                // AddApplicationServices does not call AddPlatformDefaults; the wrappers of another project are not followed.
                "app/Program.cs(15,23): PLAT1002 The host builder created by 'Host.CreateApplicationBuilder' never calls AddPlatformDefaults(); telemetry, health checks and resilience defaults are not wired",
                "app/Program.cs(5,15): PLAT1002 The host builder created by 'WebApplication.CreateBuilder' never calls AddPlatformDefaults(); telemetry, health checks and resilience defaults are not wired",
                "app/Program.cs(7,11): PLAT1003 The web application built here never calls MapPlatformEndpoints(); the health and readiness probes are not exposed",
            }
            : new[]
            {
                // Declared wrappers count; AddApplicationServices still does not.
                "app/Program.cs(5,15): PLAT1002 The host builder created by 'WebApplication.CreateBuilder' never calls AddPlatformDefaults(); telemetry, health checks and resilience defaults are not wired",
            };
        foreach (var (shape, found) in results)
        {
            Assert.True(expected.SequenceEqual(found), $"{shape}:\n{string.Join("\n", found)}");
        }
    }

    private static MetadataReference Emit(Compilation compilation, bool metadataOnly)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream, options: new EmitOptions(metadataOnly: metadataOnly));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
