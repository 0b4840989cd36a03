using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers;

/// <summary>
/// Suppresses PLAT diagnostics whose ID is a registered deviation (build_property.PlatformDeviationIds), so they stay
/// visible as suppressed (with a justification) in SARIF instead of disappearing as with NoWarn.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlatformDeviationSuppressor : DiagnosticSuppressor
{
    public const string Justification = "Registered platform deviation (PlatformDeviation item in the project); see obj compliance record";

    /// <summary>Suppression IDs are PLATS + the rule number (PLATS2001 suppresses PLAT2001).</summary>
    public static string SuppressionId(string ruleId) => "PLATS" + ruleId.Substring(4);

    private static readonly ImmutableDictionary<string, SuppressionDescriptor> Descriptors =
        Rules.All.ToImmutableDictionary(
            d => d.Id,
            d => new SuppressionDescriptor(SuppressionId(d.Id), d.Id, Justification));

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
        Rules.All.Select(d => Descriptors[d.Id]).ToImmutableArray();

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var deviations = PlatformProject.ReadDeviations(context.Options);
        if (deviations.IsEmpty)
        {
            return;
        }

        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (deviations.Contains(diagnostic.Id) && Descriptors.TryGetValue(diagnostic.Id, out var descriptor))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }
}
