using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT1002: a host builder (WebApplication.CreateBuilder/CreateSlimBuilder/CreateEmptyBuilder,
/// Host.CreateApplicationBuilder/CreateEmptyApplicationBuilder/CreateDefaultBuilder) whose block never calls
/// AddPlatformDefaults. Web and worker projects only, and only when Platform.ServiceDefaults is referenced
/// (otherwise the fix would not compile; the SDK references it for web and worker projects).
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
        context.RegisterCompilationStartAction(start =>
        {
            var project = PlatformProject.Create(start.Compilation, start.Options);
            if (!project.IsHostedService || !ServiceDefaultsApi.IsAvailable(start.Compilation, ServiceDefaultsApi.AddPlatformDefaults))
            {
                return;
            }

            var webApplication = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
            var host = start.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.Host");
            var applicationBuilder = start.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostApplicationBuilder");
            if (webApplication is null && host is null)
            {
                return;
            }

            var tracked = HostSetupScanner.Resolve(start.Compilation,
                "Microsoft.Extensions.Hosting.IHostApplicationBuilder",
                "Microsoft.Extensions.Hosting.IHostBuilder",
                "Microsoft.AspNetCore.Builder.WebApplicationBuilder");

            bool IsCreation(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (!method.IsStatic)
                {
                    return false;
                }

                var type = method.ContainingType;
                if (webApplication is not null && SymbolEqualityComparer.Default.Equals(type, webApplication))
                {
                    return method.Name is "CreateBuilder" or "CreateSlimBuilder" or "CreateEmptyBuilder";
                }

                return host is not null && SymbolEqualityComparer.Default.Equals(type, host) &&
                    method.Name is "CreateApplicationBuilder" or "CreateEmptyApplicationBuilder" or "CreateDefaultBuilder";
            }

            void Report(OperationBlockAnalysisContext ctx, IInvocationOperation creation)
            {
                var method = creation.TargetMethod;
                var fixable = applicationBuilder is not null &&
                    HostSetupScanner.IsOrImplements(method.ReturnType, ImmutableArray.Create(applicationBuilder));
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, fixable ? "true" : "false");
                ctx.ReportDiagnostic(Diagnostic.Create(Rules.MissingPlatformDefaults, creation.Syntax.GetLocation(), properties,
                    method.ContainingType.Name + "." + method.Name));
            }

            new HostSetupScanner(IsCreation, ServiceDefaultsApi.AddPlatformDefaults, tracked, Report).Register(start);
        });
    }
}
