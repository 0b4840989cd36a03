using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Platform.Analyzers.CodeFixes;

/// <summary>Small helpers shared by the PLAT code fixes.</summary>
internal static class CodeFixHelpers
{
    /// <summary>
    /// A field, property, parameter or earlier local of (a type assignable to) <paramref name="type"/> that code at
    /// <paramref name="position"/> can use. Parameters and locals win over members; instance members are skipped in
    /// static code.
    /// </summary>
    public static ISymbol? FindInScope(SemanticModel model, int position, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
        var isStaticContext = IsStaticContext(enclosing);
        ISymbol? member = null;

        foreach (var symbol in model.LookupSymbols(position))
        {
            ITypeSymbol? symbolType;
            switch (symbol)
            {
                case ILocalSymbol local:
                    var declared = local.DeclaringSyntaxReferences.FirstOrDefault();
                    if (declared is null || declared.Span.Start >= position)
                    {
                        continue;
                    }

                    symbolType = local.Type;
                    break;
                case IParameterSymbol parameter:
                    symbolType = parameter.Type;
                    break;
                case IFieldSymbol field when !field.IsImplicitlyDeclared || field.AssociatedSymbol is null:
                    if (isStaticContext && !field.IsStatic)
                    {
                        continue;
                    }

                    symbolType = field.Type;
                    break;
                case IPropertySymbol { IsIndexer: false } property:
                    if (isStaticContext && !property.IsStatic)
                    {
                        continue;
                    }

                    symbolType = property.Type;
                    break;
                default:
                    continue;
            }

            if (!IsAssignableTo(symbolType, type))
            {
                continue;
            }

            if (symbol is ILocalSymbol or IParameterSymbol)
            {
                return symbol;
            }

            member ??= symbol;
        }

        return member;
    }

    public static bool IsAssignableTo(ITypeSymbol? candidate, INamedTypeSymbol target)
    {
        for (var current = candidate; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
            {
                return true;
            }
        }

        return candidate is not null &&
            candidate.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, target));
    }

    private static bool IsStaticContext(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } method)
        {
            if (method.IsStatic)
            {
                return true;
            }

            symbol = symbol.ContainingSymbol;
        }

        return symbol?.IsStatic ?? false;
    }

    /// <summary>Adds <c>using <paramref name="ns"/>;</c> unless the namespace is already imported (locally or globally).</summary>
    public static CompilationUnitSyntax EnsureUsing(CompilationUnitSyntax root, Compilation compilation, string ns)
    {
        if (root.Usings.Any(u => u.Alias is null && u.Name?.ToString() == ns))
        {
            return root;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax unit &&
                unit.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && u.Alias is null && u.Name?.ToString() == ns))
            {
                return root;
            }
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns))
            .WithTrailingTrivia(EndOfLine(root))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return root.AddUsings(directive);
    }

    /// <summary>Inserts <paramref name="statementText"/> as a new statement right after <paramref name="anchor"/>.</summary>
    public static SyntaxNode InsertStatementAfter(SyntaxNode root, StatementSyntax anchor, string statementText)
    {
        var statement = SyntaxFactory.ParseStatement(statementText)
            .WithLeadingTrivia(anchor.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(EndOfLine(root))
            .WithAdditionalAnnotations(Formatter.Annotation);

        if (anchor.Parent is GlobalStatementSyntax global)
        {
            return root.InsertNodesAfter(global, new[] { SyntaxFactory.GlobalStatement(statement) });
        }

        return root.InsertNodesAfter(anchor, new[] { statement });
    }

    /// <summary>The end-of-line the document already uses (LF or CRLF).</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
    {
        var existing = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing : SyntaxFactory.ElasticCarriageReturnLineFeed;
    }

    /// <summary>The <c>var x = &lt;creation&gt;;</c> statement whose single initializer is exactly <paramref name="creation"/>.</summary>
    public static LocalDeclarationStatementSyntax? DeclarationInitializedBy(SyntaxNode creation, out string variableName)
    {
        variableName = string.Empty;
        var node = creation.Parent;
        while (node is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } &&
            declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement })
        {
            variableName = declarator.Identifier.ValueText;
            return statement;
        }

        return null;
    }
}
