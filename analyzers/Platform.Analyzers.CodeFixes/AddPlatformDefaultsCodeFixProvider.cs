using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Platform.Analyzers.Analyzers;

namespace Platform.Analyzers.CodeFixes;

/// <summary>PLAT1002: inserts <c>builder.AddPlatformDefaults();</c> after <c>var builder = …CreateBuilder(…);</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPlatformDefaultsCodeFixProvider)), Shared]
public sealed class AddPlatformDefaultsCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingPlatformDefaults);

    // One host per project, so a batch fix is one edit; dotnet format and IDE "fix all" need a provider at all.
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics.First();
        if (!diagnostic.Properties.TryGetValue(MissingPlatformDefaultsAnalyzer.FixableProperty, out var fixable) || fixable != "true")
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } creation ||
            CodeFixHelpers.DeclarationInitializedBy(creation, out var builderName) is not { } declaration)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Call " + builderName + ".AddPlatformDefaults()",
                ct => InsertAsync(context.Document, declaration, builderName, ct),
                equivalenceKey: DiagnosticIds.MissingPlatformDefaults),
            diagnostic);
    }

    private static async Task<Document> InsertAsync(Document document, LocalDeclarationStatementSyntax declaration, string builderName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || compilation is null)
        {
            return document;
        }

        var updated = CodeFixHelpers.InsertStatementAfter(root, declaration, builderName + ".AddPlatformDefaults();");
        if (updated is CompilationUnitSyntax unit)
        {
            updated = CodeFixHelpers.EnsureUsing(unit, compilation, "Platform.ServiceDefaults");
        }

        return document.WithSyntaxRoot(updated);
    }
}
