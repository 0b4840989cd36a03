using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Platform.Analyzers.CodeFixes;

/// <summary>PLAT1003: inserts <c>app.MapPlatformEndpoints();</c> after <c>var app = builder.Build();</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MapPlatformEndpointsCodeFixProvider)), Shared]
public sealed class MapPlatformEndpointsCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingPlatformEndpoints);

    // One host per project, so a batch fix is one edit; dotnet format and IDE "fix all" need a provider at all.
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics.First();
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } build ||
            CodeFixHelpers.DeclarationInitializedBy(build, out var appName) is not { } declaration)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Call " + appName + ".MapPlatformEndpoints()",
                ct => InsertAsync(context.Document, declaration, appName, ct),
                equivalenceKey: DiagnosticIds.MissingPlatformEndpoints),
            diagnostic);
    }

    private static async Task<Document> InsertAsync(Document document, LocalDeclarationStatementSyntax declaration, string appName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || compilation is null)
        {
            return document;
        }

        var updated = CodeFixHelpers.InsertStatementAfter(root, declaration, appName + ".MapPlatformEndpoints();");
        if (updated is CompilationUnitSyntax unit)
        {
            updated = CodeFixHelpers.EnsureUsing(unit, compilation, "Platform.ServiceDefaults");
        }

        return document.WithSyntaxRoot(updated);
    }
}
