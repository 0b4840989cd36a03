using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// The composition root: where a service is allowed to construct infrastructure and read the environment.
/// It is (1) top-level statements, (2) any member of a type named Program or Startup (Main included),
/// (3) any method that takes a registration type (IServiceCollection, IHttpClientBuilder, IHostApplicationBuilder,
/// IHostBuilder, IWebHostBuilder, WebApplicationBuilder), e.g. <c>AddMyFeature(this IServiceCollection services)</c>,
/// (5) members of an EF Core design-time type (IDesignTimeDbContextFactory&lt;T&gt;, IDesignTimeServices: dotnet ef runs
/// them without a host), and (4) lambdas passed to a call that takes or is invoked on one of those types
/// (<c>services.AddSingleton(sp => …)</c>, <c>builder.ConfigurePrimaryHttpMessageHandler(() => …)</c>). The Aspire
/// AppHost builder types count as registration types too (an AppHost project is not service code at all).
/// </summary>
internal sealed class CompositionRoot
{
    private static readonly string[] RegistrationTypeNames =
    {
        "Microsoft.Extensions.DependencyInjection.IServiceCollection",
        "Microsoft.Extensions.DependencyInjection.IHttpClientBuilder",
        "Microsoft.Extensions.Hosting.IHostApplicationBuilder",
        "Microsoft.Extensions.Hosting.IHostBuilder",
        "Microsoft.AspNetCore.Hosting.IWebHostBuilder",
        "Microsoft.AspNetCore.Builder.WebApplicationBuilder",
        "Aspire.Hosting.IDistributedApplicationBuilder",
        "Aspire.Hosting.ApplicationModel.IResourceBuilder`1",
    };

    /// <summary>Types whose members run without a host, at design time (dotnet ef): they are their own composition root.</summary>
    private static readonly string[] DesignTimeRootNames =
    {
        "Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory`1",
        "Microsoft.EntityFrameworkCore.Design.IDesignTimeServices",
    };

    private readonly ImmutableArray<INamedTypeSymbol> _registrationTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _designTimeRoots;

    private CompositionRoot(ImmutableArray<INamedTypeSymbol> registrationTypes, ImmutableArray<INamedTypeSymbol> designTimeRoots)
    {
        _registrationTypes = registrationTypes;
        _designTimeRoots = designTimeRoots;
    }

    public static CompositionRoot Create(Compilation compilation) =>
        new(TypeMatch.Resolve(compilation, RegistrationTypeNames), TypeMatch.Resolve(compilation, DesignTimeRootNames));

    public bool Contains(IOperation operation, ISymbol? containingSymbol)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation lambda && IsPassedToRegistrationCall(lambda))
            {
                return true;
            }
        }

        var symbol = containingSymbol;
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        if (symbol is IMethodSymbol method)
        {
            if (method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
            {
                return true;
            }

            foreach (var parameter in method.Parameters)
            {
                if (IsRegistrationType(parameter.Type))
                {
                    return true;
                }
            }
        }

        var type = symbol?.ContainingType;
        while (type is not null)
        {
            if (type.Name is "Program" or "Startup" || IsDesignTimeRoot(type))
            {
                return true;
            }

            type = type.ContainingType;
        }

        return false;
    }

    private bool IsDesignTimeRoot(INamedTypeSymbol type) => TypeMatch.IsOrImplements(type, _designTimeRoots);

    private bool IsPassedToRegistrationCall(IAnonymousFunctionOperation lambda)
    {
        var call = TypeMatch.CallReceiving(lambda);
        IMethodSymbol? target = call switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        if (target is null)
        {
            return false;
        }

        if (call is IInvocationOperation { Instance: { Type: { } instanceType } } && IsRegistrationType(instanceType))
        {
            return true;
        }

        foreach (var parameter in target.Parameters)
        {
            if (IsRegistrationType(parameter.Type))
            {
                return true;
            }
        }

        return target.ReducedFrom is { } reduced && reduced.Parameters.Length > 0 && IsRegistrationType(reduced.Parameters[0].Type);
    }

    private bool IsRegistrationType(ITypeSymbol type) => TypeMatch.IsOrImplements(type, _registrationTypes);
}
