using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT1003: a WebApplication built with WebApplicationBuilder.Build() whose block never calls MapPlatformEndpoints.
/// Web projects only, and only when Platform.ServiceDefaults (which declares MapPlatformEndpoints) is referenced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingPlatformEndpointsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.MissingPlatformEndpoints);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var project = PlatformProject.Create(start.Compilation, start.Options);
            if (project.Kind != ProjectKind.Web || !ServiceDefaultsApi.IsAvailable(start.Compilation, ServiceDefaultsApi.MapPlatformEndpoints))
            {
                return;
            }

            var builderType = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
            var applicationType = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
            if (builderType is null || applicationType is null)
            {
                return;
            }

            bool IsCreation(IInvocationOperation invocation) =>
                invocation.TargetMethod is { Name: "Build", IsStatic: false } method &&
                SymbolEqualityComparer.Default.Equals(method.ContainingType, builderType);

            void Report(OperationBlockAnalysisContext ctx, IInvocationOperation creation) =>
                ctx.ReportDiagnostic(Diagnostic.Create(Rules.MissingPlatformEndpoints, creation.Syntax.GetLocation()));

            var tracked = ImmutableArray.Create(applicationType);
            new HostSetupScanner(IsCreation, ServiceDefaultsApi.MapPlatformEndpoints, tracked, Report).Register(start);
        });
    }
}
