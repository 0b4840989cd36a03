using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// Shared shape of PLAT1002/PLAT1003: within one operation block (top-level statements or a method body), find
/// the calls that create a host object, then report those whose block never calls the required method.
/// When the host object (any local of a tracked type) is handed to a method written in this project, the call may
/// happen there, so nothing is reported (low false positives over completeness).
/// </summary>
internal sealed class HostSetupScanner
{
    private readonly Func<IInvocationOperation, bool> _isCreation;
    private readonly string _requiredMethod;
    private readonly ImmutableArray<INamedTypeSymbol> _trackedTypes;
    private readonly Action<OperationBlockAnalysisContext, IInvocationOperation> _report;

    public HostSetupScanner(
        Func<IInvocationOperation, bool> isCreation,
        string requiredMethod,
        ImmutableArray<INamedTypeSymbol> trackedTypes,
        Action<OperationBlockAnalysisContext, IInvocationOperation> report)
    {
        _isCreation = isCreation;
        _requiredMethod = requiredMethod;
        _trackedTypes = trackedTypes;
        _report = report;
    }

    public void Register(CompilationStartAnalysisContext start)
    {
        start.RegisterOperationBlockStartAction(block =>
        {
            var state = new State();
            block.RegisterOperationAction(ctx => Visit((IInvocationOperation)ctx.Operation, state), OperationKind.Invocation);
            block.RegisterOperationBlockEndAction(end =>
            {
                lock (state)
                {
                    if (state.Satisfied || state.Escaped)
                    {
                        return;
                    }

                    foreach (var creation in state.Creations)
                    {
                        _report(end, creation);
                    }
                }
            });
        });
    }

    private void Visit(IInvocationOperation invocation, State state)
    {
        var creation = _isCreation(invocation);
        var satisfied = invocation.TargetMethod.Name == _requiredMethod;
        var escaped = !satisfied && PassesTrackedLocalToSourceMethod(invocation);
        if (!creation && !satisfied && !escaped)
        {
            return;
        }

        lock (state)
        {
            if (creation)
            {
                state.Creations.Add(invocation);
            }

            state.Satisfied |= satisfied;
            state.Escaped |= escaped;
        }
    }

    private bool PassesTrackedLocalToSourceMethod(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.DeclaringSyntaxReferences.IsEmpty && (method.ReducedFrom?.DeclaringSyntaxReferences.IsEmpty ?? true))
        {
            return false;
        }

        if (IsTrackedLocal(invocation.Instance))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (IsTrackedLocal(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsTrackedLocal(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        if (operation is not (ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation) || operation.Type is null)
        {
            return false;
        }

        return IsOrImplements(operation.Type, _trackedTypes);
    }

    public static bool IsOrImplements(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
    {
        foreach (var candidate in candidates)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidate))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, candidate))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, params string[] names)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in names)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }

    private sealed class State
    {
        public List<IInvocationOperation> Creations { get; } = new();

        public bool Satisfied { get; set; }

        public bool Escaped { get; set; }
    }
}
