using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>PLAT3001: DateTime.Now/UtcNow/Today and DateTimeOffset.Now/UtcNow in service code; use TimeProvider.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SystemClockAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.SystemClock);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, _) =>
        {
            var dateTime = start.Compilation.GetSpecialType(SpecialType.System_DateTime);
            var dateTimeOffset = start.Compilation.GetTypeByMetadataName("System.DateTimeOffset");
            if (dateTime.TypeKind == TypeKind.Error && dateTimeOffset is null)
            {
                return;
            }

            start.RegisterOperationAction(ctx =>
            {
                var reference = (IPropertyReferenceOperation)ctx.Operation;
                var property = reference.Property;
                if (!property.IsStatic)
                {
                    return;
                }

                var type = property.ContainingType;
                var isDateTime = SymbolEqualityComparer.Default.Equals(type, dateTime) && property.Name is "Now" or "UtcNow" or "Today";
                var isOffset = dateTimeOffset is not null && SymbolEqualityComparer.Default.Equals(type, dateTimeOffset) && property.Name is "Now" or "UtcNow";
                if (isDateTime || isOffset)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(
                        Rules.SystemClock,
                        reference.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add("Property", type.Name + "." + property.Name),
                        type.Name + "." + property.Name));
                }
            }, OperationKind.PropertyReference);
        });
    }
}
