using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT9003: a PLAT rule silenced without a registered deviation.
/// Project-wide silencing (NoWarn / ruleset, a global config or .editorconfig severity of none) is reported once per
/// rule at the project anchor; <c>#pragma warning disable PLATxxxx</c> and [SuppressMessage("…", "PLATxxxx…")] are
/// reported where they are written. Rules listed in PlatformDeviationIds are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SuppressedPlatformRuleAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.SuppressedPlatformRule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterPlatformCompilationStart((start, project) =>
        {
            var deviations = project.Deviations;
            var projectWide = FindProjectWideSilencing(start.Compilation, project, start.CancellationToken);
            foreach (var id in deviations)
            {
                projectWide.Remove(id);
            }

            var anchor = projectWide.Count > 0 ? ProjectAnchor.Find(start.Compilation) : null;

            start.RegisterSyntaxTreeAction(ctx =>
            {
                if (anchor is not null && ctx.Tree == anchor)
                {
                    var location = ProjectAnchor.LocationIn(ctx.Tree);
                    foreach (var pair in projectWide.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Rules.SuppressedPlatformRule, location, pair.Key, pair.Value));
                    }
                }

                AnalyzePragmas(ctx, deviations);
            });

            var suppressMessage = start.Compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SuppressMessageAttribute");
            var unconditional = start.Compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute");
            if (suppressMessage is not null || unconditional is not null)
            {
                start.RegisterSyntaxNodeAction(ctx => AnalyzeAttribute(ctx, suppressMessage, unconditional, deviations), SyntaxKind.Attribute);
            }
        });
    }

    private static Dictionary<string, string> FindProjectWideSilencing(Compilation compilation, PlatformProject project, System.Threading.CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        foreach (var id in PlatformProject.PlatformIds(project.NoWarn).Where(IsKnownRule))
        {
            result[id.ToUpperInvariant()] = "NoWarn";
        }

        foreach (var pair in compilation.Options.SpecificDiagnosticOptions)
        {
            if (pair.Value == ReportDiagnostic.Suppress && IsKnownRule(pair.Key) && !result.ContainsKey(pair.Key))
            {
                result[pair.Key.ToUpperInvariant()] = "NoWarn (or a ruleset)";
            }
        }

        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        if (provider is null)
        {
            return result;
        }

        foreach (var descriptor in Rules.All)
        {
            var id = descriptor.Id;
            if (result.ContainsKey(id))
            {
                continue;
            }

            if (provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out var global) && global == ReportDiagnostic.Suppress)
            {
                result[id] = "a global AnalyzerConfig severity of none (dotnet_diagnostic." + id + ".severity = none)";
                continue;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                if (provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var severity) && severity == ReportDiagnostic.Suppress)
                {
                    result[id] = "an .editorconfig severity of none (dotnet_diagnostic." + id + ".severity = none)";
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A rule of this catalogue (PLAT9999 or a typo silences nothing, so it is not reported as silencing a rule).
    /// </summary>
    private static bool IsKnownRule(string id) =>
        PlatformProject.IsPlatformId(id) && Rules.All.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>A known PLAT rule that is not a registered deviation. Silencing PLAT9003 itself in source is left alone.</summary>
    private static bool IsReportable(string id, ImmutableHashSet<string> deviations) =>
        IsKnownRule(id) && !deviations.Contains(id) &&
        !string.Equals(id, DiagnosticIds.SuppressedPlatformRule, StringComparison.OrdinalIgnoreCase);

    private static void AnalyzePragmas(SyntaxTreeAnalysisContext context, ImmutableHashSet<string> deviations)
    {
        var root = context.Tree.GetRoot(context.CancellationToken);
        if (!root.ContainsDirectives)
        {
            return;
        }

        foreach (var pragma in root.DescendantNodes(descendIntoTrivia: true).OfType<PragmaWarningDirectiveTriviaSyntax>())
        {
            if (!pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
            {
                continue;
            }

            foreach (var code in pragma.ErrorCodes)
            {
                var id = code.ToString().Trim();
                if (IsReportable(id, deviations))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rules.SuppressedPlatformRule, code.GetLocation(), id.ToUpperInvariant(), "#pragma warning disable"));
                }
            }
        }
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol? suppressMessage, INamedTypeSymbol? unconditional, ImmutableHashSet<string> deviations)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (attribute.ArgumentList is not { Arguments.Count: >= 2 } arguments ||
            attribute.Name.ToString().IndexOf("SuppressMessage", StringComparison.Ordinal) < 0)
        {
            return;
        }

        var type = context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol?.ContainingType;
        if (type is null ||
            !(SymbolEqualityComparer.Default.Equals(type, suppressMessage) || SymbolEqualityComparer.Default.Equals(type, unconditional)))
        {
            return;
        }

        var checkId = context.SemanticModel.GetConstantValue(arguments.Arguments[1].Expression, context.CancellationToken);
        if (!checkId.HasValue || checkId.Value is not string text)
        {
            return;
        }

        var colon = text.IndexOf(':');
        var id = (colon >= 0 ? text.Substring(0, colon) : text).Trim();
        if (IsReportable(id, deviations))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.SuppressedPlatformRule, arguments.Arguments[1].GetLocation(), id.ToUpperInvariant(), "[" + type.Name.Replace("Attribute", string.Empty) + "]"));
        }
    }
}
