using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT1004: the static Serilog API (<c>Log.Information(…)</c>, Verbose, Debug, Warning, Error, Fatal, Write) in service
/// code. Not reported directly in the entry point (top-level statements or a member of Program, outside lambdas and
/// local functions): that is Serilog's bootstrap-logger idiom, before the host's ILogger exists. Same project scope as
/// PLAT1001 (not in console apps, tests, AppHosts, tools or clients).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaticSerilogLoggerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.StaticSerilogLogger);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, project) =>
        {
            if (project.Kind == ProjectKind.Console)
            {
                return;
            }

            var log = start.Compilation.GetTypeByMetadataName("Serilog.Log");
            if (log is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (method.Name is not ("Verbose" or "Debug" or "Information" or "Warning" or "Error" or "Fatal" or "Write") ||
                    !SymbolEqualityComparer.Default.Equals(method.ContainingType, log) || IsBootstrap(ctx.ContainingSymbol, invocation))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Rules.StaticSerilogLogger, invocation.Syntax.GetLocation(), method.Name));
            }, OperationKind.Invocation);
        });
    }

    private static bool IsBootstrap(ISymbol containingSymbol, IOperation operation) =>
        (EntryPoint.IsEntryPoint(containingSymbol) || containingSymbol.ContainingType is { Name: "Program" }) &&
        !EntryPoint.IsInLambdaOrLocalFunction(operation);
}
