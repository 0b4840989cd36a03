using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Platform.Analyzers.CodeFixes;

/// <summary>
/// PLAT1001: when an ILogger is in scope, rewrites Console.Write/WriteLine (and Console.Out/Error.Write*) into a
/// structured log call with a constant message template (so CA2254 stays quiet):
/// <c>Console.WriteLine($"Order {order.Id} shipped")</c> → <c>_logger.LogInformation("Order {Id} shipped", order.Id)</c>,
/// <c>Console.WriteLine("{0} items", n)</c> → <c>_logger.LogInformation("{N} items", n)</c>, any other value → <c>"{Value}"</c>.
/// Console.Error becomes LogError. Trace calls and argument-less WriteLine() get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsoleOutputCodeFixProvider)), Shared]
public sealed class ConsoleOutputCodeFixProvider : CodeFixProvider
{
    private static readonly Regex FormatItem = new(@"\{(\d+)(,[^:}]*)?(:[^}]*)?\}", RegexOptions.CultureInvariant);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UseLoggerInsteadOfConsole);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation ||
                Rewrite(invocation, model, context.CancellationToken) is not { } text)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use " + text.Substring(0, text.IndexOf('(')),
                    ct => ApplyAsync(context.Document, new[] { (invocation, text) }, ct),
                    equivalenceKey: DiagnosticIds.UseLoggerInsteadOfConsole),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var edits = new List<(InvocationExpressionSyntax, string)>();
        foreach (var diagnostic in diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation &&
                Rewrite(invocation, model, context.CancellationToken) is { } text)
            {
                edits.Add((invocation, text));
            }
        }

        return await ApplyAsync(document, edits, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>The log call that replaces <paramref name="invocation"/>, or null when no logger is in scope or no sensible rewrite exists.</summary>
    private static string? Rewrite(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger") is not { } loggerType ||
            model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Name: "Write" or "WriteLine" } ||
            CodeFixHelpers.FindInScope(model, invocation.SpanStart, loggerType, cancellationToken) is not { } logger ||
            BuildArguments(invocation.ArgumentList.Arguments, model, cancellationToken) is not { } arguments)
        {
            return null;
        }

        var level = IsConsoleError(invocation, model, cancellationToken) ? "LogError" : "LogInformation";
        return logger.Name + "." + level + "(" + arguments + ")";
    }

    private static async Task<Document> ApplyAsync(Document document, IReadOnlyList<(InvocationExpressionSyntax Node, string Text)> edits, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || compilation is null || edits.Count == 0)
        {
            return document;
        }

        var texts = edits.ToDictionary(e => (SyntaxNode)e.Node, e => e.Text);
        var updated = root.ReplaceNodes(texts.Keys, (original, _) =>
            SyntaxFactory.ParseExpression(texts[original]).WithTriviaFrom(original).WithAdditionalAnnotations(Formatter.Annotation));
        if (updated is CompilationUnitSyntax unit)
        {
            updated = CodeFixHelpers.EnsureUsing(unit, compilation, "Microsoft.Extensions.Logging");
        }

        return document.WithSyntaxRoot(updated);
    }

    private static bool IsConsoleError(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        invocation.Expression is MemberAccessExpressionSyntax { Expression: { } receiver } &&
        model.GetSymbolInfo(receiver, cancellationToken).Symbol is IPropertySymbol { Name: "Error", ContainingType.Name: "Console" };

    /// <summary>The argument list text for the log call, or null when no sensible rewrite exists.</summary>
    private static string? BuildArguments(SeparatedSyntaxList<ArgumentSyntax> arguments, SemanticModel model, CancellationToken cancellationToken)
    {
        if (arguments.Count == 0)
        {
            return null;
        }

        var first = arguments[0].Expression;
        var names = new HashSet<string>();

        if (arguments.Count == 1)
        {
            switch (first)
            {
                case InterpolatedStringExpressionSyntax interpolated when interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken):
                    return FromInterpolation(interpolated, names);
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && !literal.Token.Text.StartsWith("@", System.StringComparison.Ordinal) && !literal.Token.Text.StartsWith("\"\"\"", System.StringComparison.Ordinal):
                    return literal.Token.Text.Replace("{", "{{").Replace("}", "}}");
                default:
                    var type = model.GetTypeInfo(first, cancellationToken).Type;
                    var placeholder = type?.SpecialType == SpecialType.System_String ? "{Message}" : "{Value}";
                    return "\"" + placeholder + "\", " + first.ToString();
            }
        }

        // Composite format: Console.WriteLine("{0} of {1}", a, b) → "{A} of {B}", a, b (in order of appearance).
        if (first is not LiteralExpressionSyntax { Token.Text: { } formatText } format ||
            !format.IsKind(SyntaxKind.StringLiteralExpression) || formatText.StartsWith("@", System.StringComparison.Ordinal) ||
            arguments.Skip(1).Any(a => a.NameColon is not null))
        {
            return null;
        }

        var used = new List<int>();
        var failed = false;
        var template = FormatItem.Replace(formatText, match =>
        {
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (index + 1 >= arguments.Count || used.Contains(index))
            {
                failed = true;
                return match.Value;
            }

            used.Add(index);
            return "{" + NameFor(arguments[index + 1].Expression, names) + match.Groups[2].Value + match.Groups[3].Value + "}";
        });

        if (failed || used.Count != arguments.Count - 1)
        {
            return null;
        }

        return template + string.Concat(used.Select(i => ", " + arguments[i + 1].Expression.ToString()));
    }

    private static string FromInterpolation(InterpolatedStringExpressionSyntax interpolated, HashSet<string> names)
    {
        var template = new StringBuilder("\"");
        var values = new List<string>();
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax text:
                    template.Append(text.TextToken.Text);
                    break;
                case InterpolationSyntax hole:
                    template.Append('{').Append(NameFor(hole.Expression, names));
                    if (hole.AlignmentClause is { } alignment)
                    {
                        template.Append(alignment.ToString());
                    }

                    if (hole.FormatClause is { } formatClause)
                    {
                        template.Append(formatClause.ToString());
                    }

                    template.Append('}');
                    values.Add(hole.Expression.ToString());
                    break;
            }
        }

        template.Append('"');
        return template + string.Concat(values.Select(v => ", " + v));
    }

    private static string NameFor(ExpressionSyntax expression, HashSet<string> names)
    {
        var name = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
            _ => "Value",
        };

        name = name.TrimStart('_', '@');
        if (name.Length == 0)
        {
            name = "Value";
        }

        name = char.ToUpperInvariant(name[0]) + name.Substring(1);
        var unique = name;
        for (var i = 2; !names.Add(unique); i++)
        {
            unique = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }
}
