using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Platform.Analyzers.Analyzers;

namespace Platform.Analyzers.CodeFixes;

/// <summary>
/// PLAT5001: inside an async method, lambda or local function (or top-level statements) replaces
/// <c>t.Result</c>, <c>t.Wait()</c> (as a statement) and <c>t.GetAwaiter().GetResult()</c> with <c>await t</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingTaskWaitCodeFixProvider)), Shared]
public sealed class BlockingTaskWaitCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingTaskWait);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(BlockingTaskWaitAnalyzer.KindProperty, out var kind) ||
                root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node ||
                AwaitedExpression(node, kind) is not { } awaited ||
                !CanAwaitHere(node))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use await",
                    _ =>
                    {
                        ExpressionSyntax replacement = SyntaxFactory.AwaitExpression(awaited.WithoutTrivia());
                        replacement = SyntaxFactory.ParenthesizedExpression(replacement)
                            .WithTriviaFrom(node)
                            .WithAdditionalAnnotations(Simplifier.Annotation);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, replacement)));
                    },
                    equivalenceKey: DiagnosticIds.BlockingTaskWait),
                diagnostic);
        }
    }

    private static ExpressionSyntax? AwaitedExpression(ExpressionSyntax node, string? kind)
    {
        switch (kind)
        {
            case BlockingTaskWaitAnalyzer.ResultKind when node is MemberAccessExpressionSyntax access:
                return access.Expression;
            case BlockingTaskWaitAnalyzer.WaitKind when node is InvocationExpressionSyntax
            {
                ArgumentList.Arguments.Count: 0, Parent: ExpressionStatementSyntax, Expression: MemberAccessExpressionSyntax wait,
            }:
                return wait.Expression;
            case BlockingTaskWaitAnalyzer.GetResultKind when node is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } },
            }:
                return getAwaiter.Expression;
            default:
                return null;
        }
    }

    private static bool CanAwaitHere(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax:
                case QueryExpressionSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case BaseMethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case AccessorDeclarationSyntax:
                case PropertyDeclarationSyntax:
                case FieldDeclarationSyntax:
                    return false;
                case GlobalStatementSyntax:
                    return true;
            }
        }

        return false;
    }
}
