using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT6002: NpgsqlDataSource.Create(…) or NpgsqlDataSourceBuilder/NpgsqlSlimDataSourceBuilder .Build…() outside the
/// composition root.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NpgsqlDataSourceCreationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.NpgsqlDataSourceCreation);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, project) =>
        {
            if (start.Compilation.GetTypeByMetadataName("Npgsql.NpgsqlDataSource") is not { } dataSource)
            {
                return;
            }

            var builderTypes = TypeMatch.Resolve(start.Compilation, "Npgsql.NpgsqlDataSourceBuilder", "Npgsql.NpgsqlSlimDataSourceBuilder");
            var root = CompositionRoot.Create(start.Compilation);
            start.RegisterOperationAction(ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                var creates = (method.IsStatic && method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, dataSource))
                    || (!method.IsStatic && method.Name.StartsWith("Build", System.StringComparison.Ordinal)
                        && builderTypes.Contains(method.ContainingType, SymbolEqualityComparer.Default));
                if (!creates || root.Contains(invocation, ctx.ContainingSymbol))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Rules.NpgsqlDataSourceCreation, invocation.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name));
            }, OperationKind.Invocation);
        });
    }
}
