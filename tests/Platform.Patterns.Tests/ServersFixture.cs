using Platform.Testing.Otlp;
using Platform.Testing.Servers;

namespace Platform.Patterns.Tests;

/// <summary>
/// The three private servers and the OTLP receiver, started once (in parallel) for every test of the collection.
/// A server that cannot start leaves its skip reason; tests that need it skip and print it.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public PostgresServer? Postgres { get; private set; }

    public RedisServer? Redis { get; private set; }

    public RabbitMqServer? RabbitMq { get; private set; }

    public OtlpReceiver Receiver { get; private set; } = null!;

    public string? PostgresSkip { get; private set; }

    public string? RedisSkip { get; private set; }

    public string? RabbitMqSkip { get; private set; }

    /// <summary>Gets the first skip reason of the three servers, or <see langword="null"/> when all run.</summary>
    public string? AnySkip => PostgresSkip ?? RedisSkip ?? RabbitMqSkip;

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        var postgres = Start(PostgresServer.StartAsync);
        var redis = Start(RedisServer.StartAsync);
        var rabbit = Start(RabbitMqServer.StartAsync);
        (Postgres, PostgresSkip) = await postgres;
        (Redis, RedisSkip) = await redis;
        (RabbitMq, RabbitMqSkip) = await rabbit;
        Console.WriteLine($"Servers: PostgreSQL {Describe(Postgres?.StartTime, PostgresSkip)}, Redis {Describe(Redis?.StartTime, RedisSkip)}, RabbitMQ {Describe(RabbitMq?.StartTime, RabbitMqSkip)}");
    }

    public async Task DisposeAsync()
    {
        if (RabbitMq is not null)
        {
            await RabbitMq.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        await Receiver.DisposeAsync();
    }

    private static async Task<(T? Server, string? Skip)> Start<T>(Func<Task<T>> start)
        where T : class
    {
        try
        {
            return (await start(), null);
        }
        catch (ServerStartException ex)
        {
            return (null, ex.Message);
        }
    }

    private static string Describe(TimeSpan? started, string? skip)
        => skip is null ? $"started in {started?.TotalSeconds:0.0} s" : "not started: " + skip;
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "Servers";
}
