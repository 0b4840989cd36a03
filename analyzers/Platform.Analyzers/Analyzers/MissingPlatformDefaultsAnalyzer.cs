using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT1002: a host builder (WebApplication.CreateBuilder/CreateSlimBuilder/CreateEmptyBuilder,
/// Host.CreateApplicationBuilder/CreateEmptyApplicationBuilder, and the Startup-style Host.CreateDefaultBuilder,
/// WebHost.CreateDefaultBuilder, new HostBuilder(), new WebHostBuilder()) whose block never calls AddPlatformDefaults,
/// itself or through one of the app's own methods (<see cref="SetupMethodFollower"/>). Web and worker projects only, and
/// only when Platform.ServiceDefaults is referenced (otherwise the fix would not compile).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingPlatformDefaultsAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property set to "true" when the builder is an IHostApplicationBuilder (the fix applies).</summary>
    public const string FixableProperty = "Fixable";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.MissingPlatformDefaults);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterPlatformCompilationStart((start, project) =>
        {
            if (!project.IsHostedService || !ServiceDefaultsApi.IsAvailable(start.Compilation, ServiceDefaultsApi.AddPlatformDefaults))
            {
                return;
            }

            var compilation = start.Compilation;
            var webApplication = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
            var host = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.Host");
            var webHost = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.WebHost");
            var applicationBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostApplicationBuilder");
            var legacyBuilders = TypeMatch.Resolve(compilation,
                "Microsoft.Extensions.Hosting.HostBuilder",
                "Microsoft.AspNetCore.Hosting.WebHostBuilder");
            if (webApplication is null && host is null && webHost is null)
            {
                return;
            }

            var tracked = TypeMatch.Resolve(compilation,
                "Microsoft.Extensions.Hosting.IHostApplicationBuilder",
                "Microsoft.Extensions.Hosting.IHostBuilder",
                "Microsoft.AspNetCore.Hosting.IWebHostBuilder",
                "Microsoft.AspNetCore.Builder.WebApplicationBuilder");

            bool IsCreation(IOperation operation)
            {
                if (operation is IObjectCreationOperation { Type: INamedTypeSymbol created })
                {
                    return legacyBuilders.Contains(created, SymbolEqualityComparer.Default);
                }

                if (operation is not IInvocationOperation { TargetMethod: { IsStatic: true } method })
                {
                    return false;
                }

                // The name first: it rules out nearly every invocation without touching a symbol.
                switch (method.Name)
                {
                    case "CreateBuilder" or "CreateSlimBuilder" or "CreateEmptyBuilder":
                        return SymbolEqualityComparer.Default.Equals(method.ContainingType, webApplication);
                    case "CreateApplicationBuilder" or "CreateEmptyApplicationBuilder":
                        return SymbolEqualityComparer.Default.Equals(method.ContainingType, host);
                    case "CreateDefaultBuilder":
                        return SymbolEqualityComparer.Default.Equals(method.ContainingType, host) ||
                               SymbolEqualityComparer.Default.Equals(method.ContainingType, webHost);
                    default:
                        return false;
                }
            }

            void Report(OperationAnalysisContext ctx, IOperation creation)
            {
                var (name, type) = creation switch
                {
                    IInvocationOperation invocation => (invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, invocation.TargetMethod.ReturnType),
                    _ => ("new " + creation.Type!.Name, creation.Type!),
                };
                var fixable = applicationBuilder is not null &&
                    TypeMatch.IsOrImplements(type, ImmutableArray.Create(applicationBuilder));
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, fixable ? "true" : "false");
                ctx.ReportDiagnostic(Diagnostic.Create(Rules.MissingPlatformDefaults, creation.Syntax.GetLocation(), properties, name));
            }

            new HostSetupScanner(compilation, ServiceDefaultsApi.AddPlatformDefaults, tracked, IsCreation, Report)
                .Register(start, OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }
}
