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

namespace Platform.Analyzers.CodeFixes;

/// <summary>
/// PLAT3001: when a TimeProvider is in scope, DateTimeOffset.UtcNow → <c>tp.GetUtcNow()</c>,
/// DateTimeOffset.Now → <c>tp.GetLocalNow()</c>, DateTime.UtcNow → <c>tp.GetUtcNow().UtcDateTime</c>,
/// DateTime.Now → <c>tp.GetLocalNow().LocalDateTime</c>, DateTime.Today → <c>tp.GetLocalNow().LocalDateTime.Date</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SystemClockCodeFixProvider)), Shared]
public sealed class SystemClockCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SystemClock);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics.First();
        if (!diagnostic.Properties.TryGetValue("Property", out var property) || Replacement(property) is not { } suffix)
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null ||
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node ||
            model.Compilation.GetTypeByMetadataName("System.TimeProvider") is not { } timeProvider ||
            CodeFixHelpers.FindInScope(model, node.SpanStart, timeProvider, context.CancellationToken) is not { } provider)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Use " + provider.Name + suffix,
                _ =>
                {
                    var replacement = SyntaxFactory.ParseExpression(provider.Name + suffix)
                        .WithTriviaFrom(node)
                        .WithAdditionalAnnotations(Simplifier.Annotation);
                    return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, replacement)));
                },
                equivalenceKey: DiagnosticIds.SystemClock),
            diagnostic);
    }

    private static string? Replacement(string? property) => property switch
    {
        "DateTimeOffset.UtcNow" => ".GetUtcNow()",
        "DateTimeOffset.Now" => ".GetLocalNow()",
        "DateTime.UtcNow" => ".GetUtcNow().UtcDateTime",
        "DateTime.Now" => ".GetLocalNow().LocalDateTime",
        "DateTime.Today" => ".GetLocalNow().LocalDateTime.Date",
        _ => null,
    };
}
