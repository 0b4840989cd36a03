using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>PLAT5002: Thread.Sleep in service code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadSleepAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.ThreadSleep);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, _) =>
        {
            var thread = start.Compilation.GetTypeByMetadataName("System.Threading.Thread");
            if (thread is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                if (invocation.TargetMethod.Name == "Sleep" &&
                    SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, thread))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Rules.ThreadSleep, invocation.Syntax.GetLocation()));
                }
            }, OperationKind.Invocation);
        });
    }
}
