using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Platform.Analyzers.Infrastructure;

namespace Platform.Analyzers.Analyzers;

/// <summary>
/// PLAT6003: IConnectionFactory.CreateConnectionAsync outside the composition root (a connection per operation), and
/// IConnection.CreateChannelAsync in the same method body as a BasicPublishAsync on an IChannel (a channel per message).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RabbitMQConnectionPerOperationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.RabbitMQConnectionPerOperation);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterServiceCodeStart((start, _) =>
        {
            if (start.Compilation.GetTypeByMetadataName("RabbitMQ.Client.IConnectionFactory") is not { } factory
                || start.Compilation.GetTypeByMetadataName("RabbitMQ.Client.IConnection") is not { } connection
                || start.Compilation.GetTypeByMetadataName("RabbitMQ.Client.IChannel") is not { } channel)
            {
                return;
            }

            var root = CompositionRoot.Create(start.Compilation);
            start.RegisterOperationBlockStartAction(block =>
            {
                IInvocationOperation? channelCreation = null;
                var publishes = false;
                block.RegisterOperationAction(ctx =>
                {
                    var invocation = (IInvocationOperation)ctx.Operation;
                    var method = invocation.TargetMethod;
                    if (method.Name == "CreateConnectionAsync" && Implements(method.ContainingType, factory))
                    {
                        if (!root.Contains(invocation, ctx.ContainingSymbol))
                        {
                            ctx.ReportDiagnostic(Diagnostic.Create(Rules.RabbitMQConnectionPerOperation, invocation.Syntax.GetLocation(), "A RabbitMQ connection is opened outside the composition root"));
                        }
                    }
                    else if (method.Name == "CreateChannelAsync" && Implements(method.ContainingType, connection))
                    {
                        channelCreation ??= invocation;
                    }
                    else if (method.Name == "BasicPublishAsync" && PublishesOn(method, channel))
                    {
                        publishes = true;
                    }
                }, OperationKind.Invocation);

                block.RegisterOperationBlockEndAction(end =>
                {
                    if (channelCreation is not null && publishes)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Rules.RabbitMQConnectionPerOperation, channelCreation.Syntax.GetLocation(), "A channel is opened in the method that publishes (a channel per message)"));
                    }
                });
            });
        });
    }

    /// <summary>IChannel.BasicPublishAsync, an implementation of it, or RabbitMQ.Client's extension overloads on IChannel; not a method of the same name elsewhere.</summary>
    private static bool PublishesOn(IMethodSymbol method, INamedTypeSymbol channel)
    {
        var extension = method.ReducedFrom ?? method;
        return Implements(method.ContainingType, channel)
            || (extension.IsExtensionMethod && extension.Parameters.Length > 0 && Implements(extension.Parameters[0].Type as INamedTypeSymbol, channel));
    }

    private static bool Implements(INamedTypeSymbol? type, INamedTypeSymbol contract)
        => type is not null && TypeMatch.IsOrImplements(type, ImmutableArray.Create(contract));
}
