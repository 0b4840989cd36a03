using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT9002: build_property.PlatformTelemetry is false in a web or worker project. Reported once at the project
/// anchor (<see cref="ProjectAnchor"/>). Not reported when 'Telemetry' is a registered deviation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TelemetryOptOutAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.TelemetryOptOut);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterPlatformCompilationStart((start, project) =>
        {
            if (project.Telemetry != false || !project.IsHostedService || project.HasDeviation("Telemetry"))
            {
                return;
            }

            var anchor = ProjectAnchor.Find(start.Compilation);
            if (anchor is null)
            {
                return;
            }

            var kind = project.Kind == ProjectKind.Web ? "web" : "worker";
            var name = start.Compilation.AssemblyName ?? "project";
            start.RegisterSyntaxTreeAction(ctx =>
            {
                if (ctx.Tree == anchor)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Rules.TelemetryOptOut, ProjectAnchor.LocationIn(ctx.Tree), kind, name));
                }
            });
        });
    }
}
