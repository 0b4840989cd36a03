using Microsoft.CodeAnalysis;
using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

/// <summary>PLAT6001-PLAT6003, compiled against the real StackExchange.Redis, Npgsql and RabbitMQ.Client assemblies.</summary>
public class DependencyClientAnalyzerTests
{
    private static ProjectSetup WithClients(ProjectSetup setup) => setup
        .WithReference(MetadataReference.CreateFromFile(typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly.Location))
        .WithReference(MetadataReference.CreateFromFile(typeof(Npgsql.NpgsqlDataSource).Assembly.Location))
        .WithReference(MetadataReference.CreateFromFile(typeof(RabbitMQ.Client.IConnection).Assembly.Location));

    [Fact]
    public async Task PLAT6001_multiplexer_per_operation_is_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using StackExchange.Redis;

            public class CartStore
            {
                public async Task SaveAsync(string id, string json)
                {
                    using var redis = await {|#0:ConnectionMultiplexer.ConnectAsync("cache:6379")|};
                    await redis.GetDatabase().StringSetAsync(id, json);
                }
            }
            """;
        await Verify.AnalyzerAsync<RedisMultiplexerCreationAnalyzer>(source, WithClients(ProjectSetup.Web),
            Verify.Diagnostic("PLAT6001").WithLocation(0).WithArguments("ConnectAsync"));
    }

    [Fact]
    public async Task PLAT6001_multiplexer_registered_once_or_injected_is_not_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using StackExchange.Redis;

            public static class CacheRegistration
            {
                public static IServiceCollection AddCache(this IServiceCollection services)
                    => services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect("cache:6379"));
            }

            public class CartStore(IConnectionMultiplexer redis)
            {
                public Task<bool> SaveAsync(string id, string json) => redis.GetDatabase().StringSetAsync(id, json);
            }
            """;
        await Verify.AnalyzerAsync<RedisMultiplexerCreationAnalyzer>(source, WithClients(ProjectSetup.Web));
    }

    [Fact]
    public async Task PLAT6002_data_source_per_operation_is_reported_for_Create_and_Build()
    {
        const string source = """
            using System.Threading.Tasks;
            using Npgsql;

            public class OrderRepository
            {
                public async Task<object?> CountAsync(string connectionString)
                {
                    await using var dataSource = {|#0:NpgsqlDataSource.Create(connectionString)|};
                    await using var other = {|#1:new NpgsqlDataSourceBuilder(connectionString).Build()|};
                    await using var command = dataSource.CreateCommand("SELECT count(*) FROM orders");
                    return await command.ExecuteScalarAsync();
                }
            }
            """;
        await Verify.AnalyzerAsync<NpgsqlDataSourceCreationAnalyzer>(source, WithClients(ProjectSetup.Library),
            Verify.Diagnostic("PLAT6002").WithLocation(0).WithArguments("NpgsqlDataSource.Create"),
            Verify.Diagnostic("PLAT6002").WithLocation(1).WithArguments("NpgsqlDataSourceBuilder.Build"));
    }

    [Fact]
    public async Task PLAT6002_data_source_in_registration_or_injected_is_not_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Npgsql;

            public static class DatabaseRegistration
            {
                public static IServiceCollection AddOrders(this IServiceCollection services, string connectionString)
                    => services.AddSingleton(NpgsqlDataSource.Create(connectionString));
            }

            public class OrderRepository(NpgsqlDataSource dataSource)
            {
                public async Task<object?> CountAsync()
                {
                    await using var command = dataSource.CreateCommand("SELECT count(*) FROM orders");
                    return await command.ExecuteScalarAsync();
                }
            }
            """;
        await Verify.AnalyzerAsync<NpgsqlDataSourceCreationAnalyzer>(source, WithClients(ProjectSetup.Web));
    }

    [Fact]
    public async Task PLAT6003_channel_per_message_and_connection_per_operation_are_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using RabbitMQ.Client;

            public class OrderEvents(IConnection connection, IConnectionFactory factory)
            {
                public async Task PublishAsync(byte[] body)
                {
                    await using var channel = await {|#0:connection.CreateChannelAsync()|};
                    await channel.BasicPublishAsync(string.Empty, "order-placed", body);
                }

                public async Task<bool> ProbeAsync()
                {
                    await using var probe = await {|#1:factory.CreateConnectionAsync()|};
                    return probe.IsOpen;
                }
            }
            """;
        await Verify.AnalyzerAsync<RabbitMQConnectionPerOperationAnalyzer>(source, WithClients(ProjectSetup.Worker),
            Verify.Diagnostic("PLAT6003").WithLocation(0).WithArguments("A channel is opened in the method that publishes (a channel per message)"),
            Verify.Diagnostic("PLAT6003").WithLocation(1).WithArguments("A RabbitMQ connection is opened outside the composition root"));
    }

    [Fact]
    public async Task PLAT6003_long_lived_channel_and_registered_connection_are_not_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using RabbitMQ.Client;

            public static class MessagingRegistration
            {
                public static IServiceCollection AddMessaging(this IServiceCollection services, IConnectionFactory factory)
                    => services.AddSingleton(_ => factory.CreateConnectionAsync().GetAwaiter().GetResult());
            }

            public class OrderEvents(IConnection connection)
            {
                private IChannel? _channel;

                public async Task PublishAsync(byte[] body)
                {
                    var channel = _channel ??= await OpenAsync();
                    await channel.BasicPublishAsync(string.Empty, "order-placed", body);
                }

                private Task<IChannel> OpenAsync() => connection.CreateChannelAsync();
            }
            """;
        await Verify.AnalyzerAsync<RabbitMQConnectionPerOperationAnalyzer>(source, WithClients(ProjectSetup.Web));
    }

    [Fact]
    public async Task PLAT6003_a_BasicPublishAsync_that_is_not_RabbitMQ_s_is_not_a_publish()
    {
        const string source = """
            using System.Threading.Tasks;
            using RabbitMQ.Client;

            public interface IAuditLog
            {
                Task BasicPublishAsync(string entry);
            }

            public class ChannelAudit(IConnection connection, IAuditLog audit)
            {
                public async Task RecordAsync()
                {
                    await using var channel = await connection.CreateChannelAsync();
                    await audit.BasicPublishAsync("channel opened: " + channel.ChannelNumber);
                }
            }
            """;
        await Verify.AnalyzerAsync<RabbitMQConnectionPerOperationAnalyzer>(source, WithClients(ProjectSetup.Worker));
    }

    [Fact]
    public async Task Test_projects_are_not_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Npgsql;
            using RabbitMQ.Client;
            using StackExchange.Redis;

            public class IntegrationTests
            {
                public async Task Setup(string pg, IConnection connection)
                {
                    await using var dataSource = NpgsqlDataSource.Create(pg);
                    using var redis = ConnectionMultiplexer.Connect("127.0.0.1:6379");
                    await using var channel = await connection.CreateChannelAsync();
                    await channel.BasicPublishAsync(string.Empty, "q", new byte[1]);
                }
            }
            """;
        await Verify.AnalyzerAsync<RedisMultiplexerCreationAnalyzer>(source, WithClients(ProjectSetup.Test));
        await Verify.AnalyzerAsync<NpgsqlDataSourceCreationAnalyzer>(source, WithClients(ProjectSetup.Test));
        await Verify.AnalyzerAsync<RabbitMQConnectionPerOperationAnalyzer>(source, WithClients(ProjectSetup.Test));
    }

    [Fact]
    public async Task Projects_without_the_clients_are_silent()
    {
        const string source = """
            public class ConnectionMultiplexer
            {
                public static ConnectionMultiplexer Connect(string configuration) => new();
            }

            public class Uses
            {
                public object Make() => ConnectionMultiplexer.Connect("x");
            }
            """;
        await Verify.AnalyzerAsync<RedisMultiplexerCreationAnalyzer>(source, ProjectSetup.Web);
    }
}
