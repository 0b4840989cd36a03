using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT9001: the project compiles with nullable reference types disabled (NullableContextOptions.Disable).
/// Reported once, on the first token of the first hand-written file (<see cref="ProjectAnchor"/>), from a
/// syntax-tree action so the IDE shows it. Not reported when 'Nullable' is a registered deviation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NullableDisabledAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.NullableDisabled);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.Options.NullableContextOptions != NullableContextOptions.Disable)
            {
                return;
            }

            if (PlatformProject.ReadDeviations(start.Options).Contains("Nullable"))
            {
                return;
            }

            var anchor = ProjectAnchor.Find(start.Compilation);
            if (anchor is null)
            {
                return;
            }

            var name = start.Compilation.AssemblyName ?? "project";
            start.RegisterSyntaxTreeAction(ctx =>
            {
                if (ctx.Tree == anchor)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Rules.NullableDisabled, ProjectAnchor.LocationIn(ctx.Tree), name));
                }
            });
        });
    }
}
