using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers.Infrastructure;

/// <summary>Type and call-site matching shared by the rules: "is this type one of those", and "which call is this lambda passed to".</summary>
internal static class TypeMatch
{
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

            if (type is ITypeParameterSymbol parameter)
            {
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (IsOrImplements(constraint, ImmutableArray.Create(candidate)))
                    {
                        return true;
                    }
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

    /// <summary>
    /// The call (invocation or object creation) that receives <paramref name="lambda"/> as an argument, looking through
    /// the delegate creation and conversions the compiler wraps around it; null when the lambda is not an argument.
    /// </summary>
    public static IOperation? CallReceiving(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current is IArgumentOperation { Parent: { } call } ? call : null;
    }
}
