using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Platform.Analyzers.CodeFixes;

/// <summary>
/// Shared fix for the host rules (PLAT1002, PLAT1003): inserts <c>variable.Method();</c> right after the declaration the
/// diagnostic points at (<c>var builder = …CreateBuilder(…);</c> or <c>var app = builder.Build();</c>) and adds
/// <c>using Platform.ServiceDefaults;</c> when the project has no global using for it.
/// </summary>
public abstract class InsertHostCallCodeFixProvider : CodeFixProvider
{
    private readonly string _diagnosticId;
    private readonly string _methodName;

    protected InsertHostCallCodeFixProvider(string diagnosticId, string methodName)
    {
        _diagnosticId = diagnosticId;
        _methodName = methodName;
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    // One host per project, so a batch fix is one edit; dotnet format and IDE "fix all" need a provider at all.
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics.First();
        if (!CanFix(diagnostic))
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node ||
            CodeFixHelpers.DeclarationInitializedBy(node, out var variableName) is not { } declaration)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Call " + variableName + "." + _methodName + "()",
                ct => InsertAsync(context.Document, declaration, variableName, ct),
                equivalenceKey: _diagnosticId),
            diagnostic);
    }

    /// <summary>Whether the analyzer marked this diagnostic as fixable here.</summary>
    protected virtual bool CanFix(Diagnostic diagnostic) => true;

    private async Task<Document> InsertAsync(Document document, LocalDeclarationStatementSyntax declaration, string variableName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || compilation is null)
        {
            return document;
        }

        var updated = CodeFixHelpers.InsertStatementAfter(root, declaration, variableName + "." + _methodName + "();");
        if (updated is CompilationUnitSyntax unit)
        {
            updated = CodeFixHelpers.EnsureUsing(unit, compilation, "Platform.ServiceDefaults");
        }

        return document.WithSyntaxRoot(updated);
    }
}
