using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>PLAT2001: new HttpClient / HttpClientHandler / SocketsHttpHandler outside the composition root.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HttpClientInstantiationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.HttpClientInstantiation);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, _) =>
        {
            var types = TypeMatch.Resolve(start.Compilation, "System.Net.Http.HttpClient", "System.Net.Http.HttpClientHandler", "System.Net.Http.SocketsHttpHandler");
            if (types.IsEmpty)
            {
                return;
            }

            var root = CompositionRoot.Create(start.Compilation);
            start.RegisterOperationAction(ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (creation.Type is not INamedTypeSymbol created || !types.Contains(created, SymbolEqualityComparer.Default))
                {
                    return;
                }

                if (root.Contains(creation, ctx.ContainingSymbol))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Rules.HttpClientInstantiation, creation.Syntax.GetLocation(), created.Name));
            }, OperationKind.ObjectCreation);
        });
    }
}
