using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT5003: <c>Task.Run(…)</c> or <c>Task.Factory.StartNew(…)</c> whose task is dropped (an expression statement, a
/// discard, or the end of a ContinueWith/ConfigureAwait chain that is dropped) inside request handling: a controller
/// (ControllerBase), Razor page (PageModel), SignalR hub, gRPC service, middleware (IMiddleware or a method taking
/// HttpContext), MediatR request/notification handler, or a lambda passed to a <c>Map*</c> endpoint method. Service
/// code only.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FireAndForgetTaskAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] RequestHandlerBaseTypes =
    {
        "Microsoft.AspNetCore.Mvc.ControllerBase",
        "Microsoft.AspNetCore.Mvc.RazorPages.PageModel",
        "Microsoft.AspNetCore.SignalR.Hub",
    };

    private static readonly string[] RequestHandlerInterfaces =
    {
        "Microsoft.AspNetCore.Http.IMiddleware",
        "MediatR.IRequestHandler`1",
        "MediatR.IRequestHandler`2",
        "MediatR.INotificationHandler`1",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.FireAndForgetTask);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterPlatformCompilationStart((start, project) =>
        {
            var compilation = start.Compilation;
            var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            var factory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            var genericFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
            var httpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            var endpoints = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            if (!project.IsServiceCode || task is null)
            {
                return;
            }

            var handlers = new RequestHandlers(
                TypeMatch.Resolve(compilation, RequestHandlerBaseTypes),
                TypeMatch.Resolve(compilation, RequestHandlerInterfaces),
                httpContext,
                endpoints);
            if (handlers.IsEmpty)
            {
                return;
            }

            start.RegisterOperationAction(ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                var starts = method.Name switch
                {
                    "Run" => SymbolEqualityComparer.Default.Equals(method.ContainingType, task),
                    "StartNew" => SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, factory) ||
                                  SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, genericFactory),
                    _ => false,
                };
                if (!starts || !IsDropped(invocation) || !handlers.Contains(invocation, ctx.ContainingSymbol))
                {
                    return;
                }

                var name = method.Name == "Run" ? "Task.Run" : "Task.Factory.StartNew";
                ctx.ReportDiagnostic(Diagnostic.Create(Rules.FireAndForgetTask, invocation.Syntax.GetLocation(), name));
            }, OperationKind.Invocation);
        });
    }

    /// <summary>Nothing keeps the task: a statement of its own, <c>_ = …</c>, or a dropped ContinueWith/ConfigureAwait chain on it.</summary>
    private static bool IsDropped(IOperation operation)
    {
        var current = operation;
        while (current.Parent is IInvocationOperation { TargetMethod.Name: "ContinueWith" or "ConfigureAwait" } chained && chained.Instance == current)
        {
            current = chained;
        }

        return current.Parent switch
        {
            IExpressionStatementOperation => true,
            ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation } => true,
            _ => false,
        };
    }

    private sealed class RequestHandlers
    {
        private readonly ImmutableArray<INamedTypeSymbol> _baseTypes;
        private readonly ImmutableArray<INamedTypeSymbol> _interfaces;
        private readonly INamedTypeSymbol? _httpContext;
        private readonly INamedTypeSymbol? _endpoints;

        public RequestHandlers(ImmutableArray<INamedTypeSymbol> baseTypes, ImmutableArray<INamedTypeSymbol> interfaces, INamedTypeSymbol? httpContext, INamedTypeSymbol? endpoints)
        {
            _baseTypes = baseTypes;
            _interfaces = interfaces;
            _httpContext = httpContext;
            _endpoints = endpoints;
        }

        public bool IsEmpty => _baseTypes.IsEmpty && _interfaces.IsEmpty && _httpContext is null && _endpoints is null;

        public bool Contains(IOperation operation, ISymbol containingSymbol)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda && IsEndpointHandler(lambda))
                {
                    return true;
                }
            }

            if (containingSymbol is IMethodSymbol method && TakesHttpContext(method))
            {
                return true;
            }

            return containingSymbol.ContainingType is { } type && IsHandlerType(type);
        }

        private bool TakesHttpContext(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (_httpContext is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, _httpContext))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsHandlerType(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (_baseTypes.Contains(current.OriginalDefinition, SymbolEqualityComparer.Default))
                {
                    return true;
                }

                // A gRPC service derives from the generated Foo.FooBase, nested next to the generated BindService.
                if (current.Name.EndsWith("Base", System.StringComparison.Ordinal) && current.ContainingType is { } generated &&
                    !generated.GetMembers("BindService").IsEmpty)
                {
                    return true;
                }
            }

            return TypeMatch.IsOrImplements(type, _interfaces);
        }

        /// <summary>A lambda passed to app.MapGet/MapPost/…/Map on an IEndpointRouteBuilder.</summary>
        private bool IsEndpointHandler(IAnonymousFunctionOperation lambda)
        {
            if (_endpoints is null || TypeMatch.CallReceiving(lambda) is not IInvocationOperation call ||
                !call.TargetMethod.Name.StartsWith("Map", System.StringComparison.Ordinal))
            {
                return false;
            }

            var receiver = call.TargetMethod.ReducedFrom?.Parameters[0].Type ??
                           (call.TargetMethod.IsExtensionMethod ? call.TargetMethod.Parameters[0].Type : call.Instance?.Type);
            return receiver is not null && TypeMatch.IsOrImplements(receiver, ImmutableArray.Create(_endpoints));
        }
    }
}
