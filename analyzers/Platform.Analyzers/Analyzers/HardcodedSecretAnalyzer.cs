using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT4001: a string literal assigned to, initializing, or passed as something named like a secret
/// (password, secret, token, api key, …) or a connection string that carries a credential. See
/// <see cref="SecretHeuristics"/> for what is not reported. Literals behind <c>??</c> and <c>?:</c> count. Test projects
/// are exempt; client apps, tools and AppHosts are not (a secret leaks from them too).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedSecretAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.HardcodedSecret);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterPlatformCompilationStart((start, project) =>
        {
            if (!project.IsShippedCode)
            {
                return;
            }

            start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(AnalyzeDeclarator, OperationKind.VariableDeclarator);
            start.RegisterOperationAction(AnalyzeMemberInitializer, OperationKind.FieldInitializer, OperationKind.PropertyInitializer, OperationKind.ParameterInitializer);
            start.RegisterOperationAction(AnalyzeArgument, OperationKind.Argument);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        var name = assignment.Target switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.Name,
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            _ => null,
        };

        Check(context, name, assignment.Value);
    }

    private static void AnalyzeDeclarator(OperationAnalysisContext context)
    {
        var declarator = (IVariableDeclaratorOperation)context.Operation;
        var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
        if (initializer is not null)
        {
            Check(context, declarator.Symbol.Name, initializer.Value);
        }
    }

    private static void AnalyzeMemberInitializer(OperationAnalysisContext context)
    {
        var name = context.Operation switch
        {
            IFieldInitializerOperation field => field.InitializedFields.FirstOrDefault()?.Name,
            IPropertyInitializerOperation property => property.InitializedProperties.FirstOrDefault()?.Name,
            IParameterInitializerOperation parameter => parameter.Parameter.Name,
            _ => null,
        };

        if (context.Operation is ISymbolInitializerOperation initializer)
        {
            Check(context, name, initializer.Value);
        }
    }

    private static void AnalyzeArgument(OperationAnalysisContext context)
    {
        var argument = (IArgumentOperation)context.Operation;
        Check(context, argument.Parameter?.Name, argument.Value);
    }

    private static void Check(OperationAnalysisContext context, string? name, IOperation? value)
    {
        if (name is null || value is null)
        {
            return;
        }

        foreach (var literal in Literals(value))
        {
            CheckLiteral(context, name, literal);
        }
    }

    /// <summary>The string literals a value can evaluate to: itself, or the fallbacks behind <c>??</c> and <c>?:</c>.</summary>
    private static IEnumerable<ILiteralOperation> Literals(IOperation? value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        switch (value)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string } } literal:
                yield return literal;
                break;
            case ICoalesceOperation coalesce:
                foreach (var literal in Literals(coalesce.WhenNull))
                {
                    yield return literal;
                }

                break;
            case IConditionalOperation { IsRef: false, WhenFalse: not null } conditional:
                foreach (var literal in Literals(conditional.WhenTrue).Concat(Literals(conditional.WhenFalse)))
                {
                    yield return literal;
                }

                break;
        }
    }

    private static void CheckLiteral(OperationAnalysisContext context, string name, ILiteralOperation value)
    {
        var text = (string)value.ConstantValue.Value!;
        var report = SecretHeuristics.IsConnectionName(name)
            ? SecretHeuristics.CarriesCredential(text)
            : SecretHeuristics.IsSecretName(name) && (SecretHeuristics.LooksLikeSecretValue(text) || SecretHeuristics.CarriesCredential(text));

        if (report)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.HardcodedSecret, value.Syntax.GetLocation(), name));
        }
    }
}
