using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>PLAT4002: Environment.GetEnvironmentVariable(s) outside the composition root; use IConfiguration.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnvironmentVariableAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.EnvironmentVariableRead);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, _) =>
        {
            var environment = start.Compilation.GetTypeByMetadataName("System.Environment");
            if (environment is null)
            {
                return;
            }

            var root = CompositionRoot.Create(start.Compilation);
            start.RegisterOperationAction(ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (method.Name is not ("GetEnvironmentVariable" or "GetEnvironmentVariables") ||
                    !SymbolEqualityComparer.Default.Equals(method.ContainingType, environment))
                {
                    return;
                }

                if (root.Contains(invocation, ctx.ContainingSymbol))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Rules.EnvironmentVariableRead, invocation.Syntax.GetLocation(), method.Name));
            }, OperationKind.Invocation);
        });
    }
}
