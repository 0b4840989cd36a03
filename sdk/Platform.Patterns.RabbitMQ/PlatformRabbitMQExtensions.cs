using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults;
using RabbitMQ.Client;

// Platform.Patterns.RabbitMQ: the namespace a service imports for AddPlatformRabbitMQ and AddPlatformMessageConsumer.
namespace Platform.Patterns.RabbitMQ;

/// <summary>Registers a service's RabbitMQ broker, publisher and consumers the Platform way.</summary>
public static class PlatformRabbitMQExtensions
{
    /// <summary>
    /// Registers one <see cref="IConnection"/> (a singleton that RabbitMQ.Client recovers after a broker outage) for
    /// <c>ConnectionStrings:<paramref name="name"/></c> (an <c>amqp://</c> URI), through Aspire.RabbitMQ.Client's
    /// connection factory: opened in the background after host start and retried until the broker answers (host start and
    /// liveness never wait for it), a health check on <c>/health/ready</c> only (503 until connected), publish and
    /// deliver traces with the trace context in the message headers, and an <see cref="IPlatformMessagePublisher"/> that
    /// publishes persistent messages to durable queues and waits for the broker's confirm. Call it after
    /// <c>AddPlatformDefaults()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <param name="name">The connection name, e.g. <c>messaging</c>.</param>
    /// <param name="configureFactory">Adjusts the connection factory after the URI was applied; may be <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="PlatformConfigurationException">PLAT0300 (missing) or PLAT0301 (not an amqp:// URI).</exception>
    public static TBuilder AddPlatformRabbitMQ<TBuilder>(this TBuilder builder, string name, Action<ConnectionFactory>? configureFactory = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = PlatformDependencies.RequireConnectionString(
            builder,
            name,
            nameof(AddPlatformRabbitMQ),
            "amqp://orders:<from the secret store>@broker:5672/vhost",
            "an amqp:// or amqps:// URI",
            "https://www.rabbitmq.com/docs/uri-spec",
            value =>
            {
                if (new Uri(value, UriKind.Absolute).Scheme is not ("amqp" or "amqps"))
                {
                    throw new FormatException("the scheme is not amqp or amqps");
                }
            });

        var telemetry = PlatformDependencies.TelemetryEnabled(builder);
        PlatformDependencies.AddForReadiness(builder, () =>
        {
            builder.AddRabbitMQClient(
                name,
                settings =>
                {
                    settings.ConnectionString = connectionString;
                    settings.DisableTracing = !telemetry;

                    // Replaced by PlatformRabbitMQReadinessCheck below: Aspire's check would resolve the connection and
                    // hold the probe on its connect retries.
                    settings.DisableHealthChecks = true;
                },
                factory =>
                {
                    // RabbitMQ.Client's documented defaults, stated: recover the connection, channels, queues and consumers.
                    factory.AutomaticRecoveryEnabled = true;
                    factory.TopologyRecoveryEnabled = true;
                    factory.ClientProvidedName = builder.Environment.ApplicationName;
                    configureFactory?.Invoke(factory);
                });
            builder.Services.AddHealthChecks().AddCheck<PlatformRabbitMQReadinessCheck>("RabbitMQ.Client");
        });

        // The connection is opened by PlatformRabbitMQConnector in the background, not by Aspire's registration (a
        // synchronous connect with retries wherever IConnection is first resolved, e.g. during host start). Code that
        // injects IConnection itself waits for that connect, at most PublishWait.
        builder.Services.AddSingleton<PlatformRabbitMQConnector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlatformRabbitMQConnector>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IConnection>(sp => sp.GetRequiredService<PlatformRabbitMQConnector>()
            .WaitAsync(PlatformRabbitMQConnector.PublishWait, CancellationToken.None).GetAwaiter().GetResult()));

        if (telemetry)
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddSource(PlatformMessagingTelemetry.Name))
                .WithMetrics(metrics => metrics.AddMeter(PlatformMessagingTelemetry.Name));
        }

        builder.Services.TryAddSingleton<PlatformMessagingTelemetry>();
        builder.Services.TryAddSingleton<IPlatformMessagePublisher, PlatformMessagePublisher>();
        return builder;
    }

    /// <summary>
    /// Consumes the durable queue <paramref name="queue"/> with manual acknowledgements: each message is handled by a
    /// <typeparamref name="THandler"/> from a new DI scope, acknowledged after the handler returns, requeued once when it
    /// throws, then dead-lettered to <c>&lt;queue&gt;.dead-letter</c>. Messages published while the service was down wait
    /// in the queue. The handler's span continues the publisher's trace. When the broker closes the consumer's channel
    /// (e.g. its <c>consumer_timeout</c>) or cancels the consumer (the queue was deleted), the consumer declares the
    /// queue and consumes again; readiness says Degraded (still 200) meanwhile. Call <c>AddPlatformRabbitMQ</c> too.
    /// </summary>
    /// <typeparam name="THandler">The handler (registered scoped here).</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <param name="queue">The queue name.</param>
    /// <param name="prefetch">How many unacknowledged messages the broker may send at once (default 16).</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddPlatformMessageConsumer<THandler>(this IHostApplicationBuilder builder, string queue, ushort prefetch = 16)
        where THandler : class, IPlatformMessageHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);

        builder.Services.TryAddScoped<THandler>();
        builder.Services.TryAddSingleton<PlatformMessagingTelemetry>();

        // Not AddHostedService: it would merge two consumers of the same handler type on different queues.
        builder.Services.AddSingleton<IHostedService>(sp => new PlatformMessageConsumer<THandler>(
            queue,
            prefetch,
            sp.GetRequiredService<PlatformRabbitMQConnector>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<PlatformMessagingTelemetry>(),
            sp.GetRequiredService<ILogger<PlatformMessageConsumer<THandler>>>()));
        return builder;
    }
}
