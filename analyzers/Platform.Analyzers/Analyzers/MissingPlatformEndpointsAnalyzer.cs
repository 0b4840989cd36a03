using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT1003: a WebApplication built with WebApplicationBuilder.Build() whose block never calls MapPlatformEndpoints
/// (itself or through one of the app's own methods, <see cref="SetupMethodFollower"/>), or a Startup-style
/// <c>UseStartup&lt;T&gt;()</c> whose T.Configure never does. Web projects only, and only when Platform.ServiceDefaults
/// (which declares MapPlatformEndpoints) is referenced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingPlatformEndpointsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.MissingPlatformEndpoints);

    /// <summary>T of UseStartup&lt;T&gt;() or UseStartup(typeof(T)) on an IWebHostBuilder.</summary>
    private static INamedTypeSymbol? StartupType(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.TypeArguments.Length == 1)
        {
            return method.TypeArguments[0] as INamedTypeSymbol;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is ITypeOfOperation { TypeOperand: INamedTypeSymbol type })
            {
                return type;
            }
        }

        return null;
    }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterPlatformCompilationStart((start, project) =>
        {
            if (project.Kind != ProjectKind.Web || !ServiceDefaultsApi.IsAvailable(start.Compilation, ServiceDefaultsApi.MapPlatformEndpoints))
            {
                return;
            }

            var compilation = start.Compilation;
            var builderType = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
            var webHostBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Hosting.IWebHostBuilder");
            var tracked = TypeMatch.Resolve(compilation,
                "Microsoft.AspNetCore.Builder.WebApplication",
                "Microsoft.AspNetCore.Builder.IApplicationBuilder",
                "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            if (builderType is null && webHostBuilder is null)
            {
                return;
            }

            bool IsCreation(IOperation operation) =>
                operation is IInvocationOperation { TargetMethod: { Name: "Build", IsStatic: false } method } &&
                SymbolEqualityComparer.Default.Equals(method.ContainingType, builderType);

            void Report(OperationAnalysisContext ctx, IOperation creation) =>
                ctx.ReportDiagnostic(Diagnostic.Create(Rules.MissingPlatformEndpoints, creation.Syntax.GetLocation()));

            var scanner = new HostSetupScanner(compilation, ServiceDefaultsApi.MapPlatformEndpoints, tracked, IsCreation, Report);
            scanner.Register(start, OperationKind.Invocation);

            // Startup-style: webBuilder.UseStartup<Startup>() is satisfied when Startup's Configure* methods map the endpoints.
            start.RegisterOperationAction(ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                if (invocation.TargetMethod.Name != "UseStartup" || StartupType(invocation) is not { TypeKind: not TypeKind.Error } startup)
                {
                    return;
                }

                var configured = SetupMethodFollower.ConfiguredMethods(ctx.Options, invocation.Syntax.SyntaxTree, ServiceDefaultsApi.MapPlatformEndpoints);
                if (!scanner.Follower.TypeCallsRequired(startup, name => name.StartsWith("Configure", System.StringComparison.Ordinal) && name != "ConfigureServices", configured))
                {
                    Report(ctx, invocation);
                }
            }, OperationKind.Invocation);
        });
    }
}
