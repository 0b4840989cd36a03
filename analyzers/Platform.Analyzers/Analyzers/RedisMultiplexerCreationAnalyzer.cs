using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>PLAT6001: ConnectionMultiplexer.Connect/ConnectAsync (and the sentinel variants) outside the composition root.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RedisMultiplexerCreationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.RedisMultiplexerCreation);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, project) =>
        {
            if (start.Compilation.GetTypeByMetadataName("StackExchange.Redis.ConnectionMultiplexer") is not { } multiplexer)
            {
                return;
            }

            var root = CompositionRoot.Create(start.Compilation);
            start.RegisterOperationAction(ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (!method.IsStatic
                    || !SymbolEqualityComparer.Default.Equals(method.ContainingType, multiplexer)
                    || !method.Name.Contains("Connect")
                    || root.Contains(invocation, ctx.ContainingSymbol))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Rules.RedisMultiplexerCreation, invocation.Syntax.GetLocation(), method.Name));
            }, OperationKind.Invocation);
        });
    }
}
