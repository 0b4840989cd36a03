using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT5001: <c>.Result</c>, <c>.Wait()</c> and <c>.GetAwaiter().GetResult()</c> on Task/ValueTask in service code.
/// Not reported: code directly in the entry point (static Main or top-level statements alike, not the lambdas and
/// local functions declared there), and <c>.Result</c> on a local or parameter that the
/// same member already awaited, passed to Task.WhenAll/WhenAny or checked with IsCompleted*, or on the antecedent
/// parameter of a ContinueWith continuation (the task is known complete).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingTaskWaitAnalyzer : DiagnosticAnalyzer
{
    public const string KindProperty = "Kind";
    public const string ResultKind = "Result";
    public const string WaitKind = "Wait";
    public const string GetResultKind = "GetResult";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.BlockingTaskWait);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, _) =>
        {
            var types = new TaskTypes(start.Compilation);
            if (types.Task is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx => AnalyzeResult(ctx, types), OperationKind.PropertyReference);
            start.RegisterOperationAction(ctx => AnalyzeInvocation(ctx, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeResult(OperationAnalysisContext context, TaskTypes types)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name != "Result" || reference.Instance?.Type is not { } type || !types.IsTask(type))
        {
            return;
        }

        if (IsExempt(context.ContainingSymbol, context.Operation) || IsKnownComplete(reference.Instance, reference.Syntax))
        {
            return;
        }

        Report(context, reference.Syntax, ResultKind, "." + "Result");
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TaskTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.IsStatic || invocation.Instance?.Type is not { } type)
        {
            return;
        }

        if (method.Name == "Wait" && types.IsTask(type))
        {
            if (!IsExempt(context.ContainingSymbol, context.Operation))
            {
                Report(context, invocation.Syntax, WaitKind, ".Wait()");
            }

            return;
        }

        if (method.Name == "GetResult" && method.Parameters.Length == 0 &&
            invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance.Type: { } awaitedType } &&
            (types.IsTask(awaitedType) || types.IsConfiguredAwaitable(awaitedType)))
        {
            if (!IsExempt(context.ContainingSymbol, context.Operation))
            {
                Report(context, invocation.Syntax, GetResultKind, ".GetAwaiter().GetResult()");
            }
        }
    }

    /// <summary>Directly in the entry point: nothing else runs on that thread and there is no synchronization context.</summary>
    private static bool IsExempt(ISymbol containingSymbol, IOperation operation) =>
        EntryPoint.IsEntryPoint(containingSymbol) && !EntryPoint.IsInLambdaOrLocalFunction(operation);

    private static bool IsKnownComplete(IOperation instance, SyntaxNode usage)
    {
        var symbol = instance switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        if (symbol is null)
        {
            return false;
        }

        // task.ContinueWith(t => t.Result): the antecedent is complete when the continuation runs.
        if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } &&
            usage.Ancestors().OfType<LambdaExpressionSyntax>().FirstOrDefault()?.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax continuation } &&
            continuation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContinueWith" })
        {
            return true;
        }

        var scope = usage.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or CompilationUnitSyntax);
        if (scope is null)
        {
            return false;
        }

        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != symbol.Name || identifier.SpanStart >= usage.SpanStart)
            {
                continue;
            }

            var parent = identifier.Parent;
            if (parent is AwaitExpressionSyntax)
            {
                return true;
            }

            if (parent is MemberAccessExpressionSyntax access && access.Expression == identifier &&
                access.Name.Identifier.ValueText is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "ConfigureAwait" &&
                (access.Name.Identifier.ValueText != "ConfigureAwait" || access.Parent?.Parent is AwaitExpressionSyntax))
            {
                return true;
            }

            if (parent is ArgumentSyntax or ExpressionElementSyntax &&
                identifier.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault() is { } call &&
                call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WhenAll" or "WhenAny" or "WaitAll" })
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(OperationAnalysisContext context, SyntaxNode node, string kind, string text) =>
        context.ReportDiagnostic(Diagnostic.Create(
            Rules.BlockingTaskWait,
            node.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            text));

    private sealed class TaskTypes
    {
        private readonly ImmutableArray<INamedTypeSymbol> _tasks;
        private readonly ImmutableArray<INamedTypeSymbol> _configured;

        public TaskTypes(Compilation compilation)
        {
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            _tasks = TypeMatch.Resolve(compilation, "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1",
                "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1");
            _configured = TypeMatch.Resolve(compilation,
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable", "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable", "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
        }

        public INamedTypeSymbol? Task { get; }

        public bool IsTask(ITypeSymbol type) => Matches(type, _tasks, inherit: true);

        public bool IsConfiguredAwaitable(ITypeSymbol type) => Matches(type, _configured, inherit: false);

        private static bool Matches(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates, bool inherit)
        {
            for (var current = type; current is not null; current = inherit ? current.BaseType : null)
            {
                if (candidates.Contains(current.OriginalDefinition, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
