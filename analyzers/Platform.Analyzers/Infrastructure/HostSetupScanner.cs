using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// Shared shape of PLAT1002/PLAT1003. A creation (a host builder, a built web application) is looked up with one cheap
/// name check per invocation; only when one is found is its enclosing operation block (method body or top-level
/// statements, lambdas included) scanned. The block is satisfied when it calls the required method, or hands a value of
/// a tracked type to a method that calls it (<see cref="SetupMethodFollower"/>). Otherwise the creation is reported.
/// </summary>
internal sealed class HostSetupScanner
{
    private readonly Func<IOperation, bool> _isCreation;
    private readonly ImmutableArray<INamedTypeSymbol> _trackedTypes;
    private readonly Action<OperationAnalysisContext, IOperation> _report;
    private readonly SetupMethodFollower _follower;

    public HostSetupScanner(
        Compilation compilation,
        string requiredMethod,
        ImmutableArray<INamedTypeSymbol> trackedTypes,
        Func<IOperation, bool> isCreation,
        Action<OperationAnalysisContext, IOperation> report)
    {
        _isCreation = isCreation;
        _trackedTypes = trackedTypes;
        _report = report;
        _follower = new SetupMethodFollower(compilation, requiredMethod, trackedTypes);
    }

    public SetupMethodFollower Follower => _follower;

    public void Register(CompilationStartAnalysisContext start, params OperationKind[] creationKinds)
    {
        start.RegisterOperationAction(ctx =>
        {
            if (_isCreation(ctx.Operation) && !IsSatisfied(ctx, ctx.Operation))
            {
                _report(ctx, ctx.Operation);
            }
        }, creationKinds);
    }

    private bool IsSatisfied(OperationAnalysisContext context, IOperation creation)
    {
        var root = creation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var configured = SetupMethodFollower.ConfiguredMethods(context.Options, creation.Syntax.SyntaxTree, _follower.RequiredMethod);
        foreach (var operation in root.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            var method = invocation.TargetMethod;
            if (method.Name == _follower.RequiredMethod)
            {
                return true;
            }

            if (HandsOverTrackedValue(invocation) && _follower.CallsRequired(method, configured))
            {
                return true;
            }
        }

        return false;
    }

    private bool HandsOverTrackedValue(IInvocationOperation invocation)
    {
        if (IsTracked(invocation.Instance))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (IsTracked(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsTracked(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation?.Type is { } type && TypeMatch.IsOrImplements(type, _trackedTypes);
    }
}

/// <summary>
/// Decides whether one of the app's own methods calls the required method (AddPlatformDefaults or MapPlatformEndpoints),
/// with a criterion that gives the same answer in the IDE and in <c>dotnet build</c>:
/// <list type="bullet">
/// <item>A method of THIS compilation (its source is here in every host: IDE, csc, linked files, shared projects) is
/// followed by syntax: it counts when its body calls the required method by name, directly or through at most
/// <see cref="MaxDepth"/> further methods of this compilation that it hands one of its builder parameters to.</item>
/// <item>A method of ANY other assembly is never followed, whether its symbol has source or not: csc sees a
/// ProjectReference as a (reference) assembly without bodies, while the IDE links the same project as a compilation
/// reference whose symbols do have source. Following source there is what made the IDE and CI disagree.
/// Such a wrapper is declared instead: <c>platform.PLAT1002.setup_methods</c> / <c>platform.PLAT1003.setup_methods</c>
/// (comma-separated simple or type-qualified method names) in .editorconfig or a .globalconfig.</item>
/// </list>
/// Results are memoised per compilation, so the cost is a few syntax walks per project.
/// </summary>
internal sealed class SetupMethodFollower
{
    private const int MaxDepth = 4;

    private readonly Compilation _compilation;
    private readonly ImmutableArray<INamedTypeSymbol> _trackedTypes;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _memo = new(SymbolEqualityComparer.Default);

    // GetSymbolsWithName walks the whole declaration table; a project's setup methods hand builders to the same few names.
    private readonly ConcurrentDictionary<string, ImmutableArray<ISymbol>> _membersByName = new(StringComparer.Ordinal);

    public SetupMethodFollower(Compilation compilation, string requiredMethod, ImmutableArray<INamedTypeSymbol> trackedTypes)
    {
        _compilation = compilation;
        RequiredMethod = requiredMethod;
        _trackedTypes = trackedTypes;
    }

    public string RequiredMethod { get; }

    /// <summary>The option key that lists wrapper methods of other assemblies, e.g. <c>platform.PLAT1002.setup_methods</c>.</summary>
    public static string OptionKey(string requiredMethod) =>
        "platform." + (requiredMethod == ServiceDefaultsApi.AddPlatformDefaults ? DiagnosticIds.MissingPlatformDefaults : DiagnosticIds.MissingPlatformEndpoints) + ".setup_methods";

    public static ImmutableHashSet<string> ConfiguredMethods(AnalyzerOptions options, SyntaxTree tree, string requiredMethod) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(OptionKey(requiredMethod), out var value)
            ? PlatformProject.ParseList(value)
            : ImmutableHashSet<string>.Empty;

    public bool CallsRequired(IMethodSymbol method, ImmutableHashSet<string> configured)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (method.Name == RequiredMethod || IsConfigured(method, configured))
        {
            return true;
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
        {
            return false;
        }

        return _memo.GetOrAdd(method, m => BodyCallsRequired(m, 0, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default)));
    }

    /// <summary>True when any method named <paramref name="name"/> (e.g. Startup.Configure) of <paramref name="type"/> calls the required method.</summary>
    public bool TypeCallsRequired(INamedTypeSymbol type, Func<string, bool> name, ImmutableHashSet<string> configured)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && name(method.Name) && CallsRequired(method, configured))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConfigured(IMethodSymbol method, ImmutableHashSet<string> configured) =>
        !configured.IsEmpty &&
        (configured.Contains(method.Name) ||
         configured.Contains(method.ContainingType.Name + "." + method.Name) ||
         configured.Contains(method.ContainingType.ToDisplayString() + "." + method.Name));

    private bool BodyCallsRequired(IMethodSymbol method, int depth, HashSet<IMethodSymbol> visited)
    {
        if (!visited.Add(method))
        {
            return false;
        }

        var builderParameters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in method.Parameters)
        {
            if (TypeMatch.IsOrImplements(parameter.Type, _trackedTypes))
            {
                builderParameters.Add(parameter.Name);
            }
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || NameOf(invocation.Expression) is not { } called)
                {
                    continue;
                }

                if (called == RequiredMethod)
                {
                    return true;
                }

                if (depth < MaxDepth && HandsOverParameter(invocation, builderParameters))
                {
                    foreach (var candidate in _membersByName.GetOrAdd(called, name => _compilation.GetSymbolsWithName(name, SymbolFilter.Member).ToImmutableArray()))
                    {
                        if (candidate is IMethodSymbol callee && BodyCallsRequired(callee, depth + 1, visited))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static bool HandsOverParameter(InvocationExpressionSyntax invocation, HashSet<string> parameters)
    {
        if (parameters.Count == 0)
        {
            return false;
        }

        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } &&
            parameters.Contains(receiver.Identifier.ValueText))
        {
            return true;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is IdentifierNameSyntax identifier && parameters.Contains(identifier.Identifier.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };
}
