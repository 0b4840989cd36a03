using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>PLAT1001: Console.Write*, Console.Out/Error, Trace.Write* and Debug.Write*/Print in service code; use ILogger&lt;T&gt;.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConsoleOutputAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.UseLoggerInsteadOfConsole);

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

            var console = start.Compilation.GetTypeByMetadataName("System.Console");
            var trace = start.Compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
            var debug = start.Compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
            if (console is null && trace is null && debug is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx => AnalyzeInvocation(ctx, console, trace, debug), OperationKind.Invocation);
            if (console is not null)
            {
                start.RegisterOperationAction(ctx => AnalyzePropertyReference(ctx, console), OperationKind.PropertyReference);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol? console, INamedTypeSymbol? trace, INamedTypeSymbol? debug)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;

        if (console is not null && SymbolEqualityComparer.Default.Equals(type, console) &&
            method.Name is "Write" or "WriteLine")
        {
            Report(context, invocation, "Console." + method.Name);
            return;
        }

        if (trace is not null && SymbolEqualityComparer.Default.Equals(type, trace) &&
            method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "TraceInformation" or "TraceWarning" or "TraceError")
        {
            Report(context, invocation, "Trace." + method.Name);
            return;
        }

        // Debug.* is compiled out of Release builds: what it says is lost exactly where it would be needed.
        if (debug is not null && SymbolEqualityComparer.Default.Equals(type, debug) &&
            method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "Print")
        {
            Report(context, invocation, "Debug." + method.Name);
            return;
        }

        if (console is not null && IsConsoleWriter(invocation.Instance, console, out var writer))
        {
            Report(context, invocation, "Console." + writer + "." + method.Name);
        }
    }

    private static void AnalyzePropertyReference(OperationAnalysisContext context, INamedTypeSymbol console)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (!IsConsoleWriter(reference, console, out var writer))
        {
            return;
        }

        // Console.Out.WriteLine(...) is reported once, on the invocation.
        if (reference.Parent is IInvocationOperation invocation && invocation.Instance == reference)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rules.UseLoggerInsteadOfConsole, reference.Syntax.GetLocation(), "Console." + writer));
    }

    private static bool IsConsoleWriter(IOperation? operation, INamedTypeSymbol console, out string name)
    {
        if (operation is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Out" or "Error" } property } &&
            SymbolEqualityComparer.Default.Equals(property.ContainingType, console))
        {
            name = property.Name;
            return true;
        }

        name = string.Empty;
        return false;
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, string name) =>
        context.ReportDiagnostic(Diagnostic.Create(Rules.UseLoggerInsteadOfConsole, invocation.Syntax.GetLocation(), name));
}
