using Platform.Testing.Otlp;
using Platform.Testing.Servers;

namespace Platform.Patterns.Tests;

/// <summary>
/// The three private servers and the OTLP receiver, started once (in parallel) for every test of the collection.
/// A server whose binary is missing makes the tests that need it skip with the reason. A server that is installed but
/// crashed or timed out while starting is a skip on a developer machine and a failure under <c>CI=true</c>, where the
/// CI script installed it: a broken server must never turn the suite green by skipping.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public PostgresServer? Postgres { get; private set; }

    public RedisServer? Redis { get; private set; }

    public RabbitMqServer? RabbitMq { get; private set; }

    public OtlpReceiver Receiver { get; private set; } = null!;

    private ServerStart _postgresStart = ServerStart.Started;
    private ServerStart _redisStart = ServerStart.Started;
    private ServerStart _rabbitMqStart = ServerStart.Started;

    /// <summary>Gets whether a crashed or timed-out start fails the tests instead of skipping them (<c>CI=true</c>).</summary>
    public static bool StartFailuresFail { get; } = Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        var postgres = Start(PostgresServer.StartAsync, PostgresServer.SkipReason);
        var redis = Start(RedisServer.StartAsync, RedisServer.SkipReason);
        var rabbit = Start(RabbitMqServer.StartAsync, RabbitMqServer.SkipReason);
        (Postgres, _postgresStart) = await postgres;
        (Redis, _redisStart) = await redis;
        (RabbitMq, _rabbitMqStart) = await rabbit;
        Console.WriteLine($"Servers: PostgreSQL {Describe(Postgres?.StartTime, _postgresStart)}, Redis {Describe(Redis?.StartTime, _redisStart)}, RabbitMQ {Describe(RabbitMq?.StartTime, _rabbitMqStart)}");
    }

    /// <summary>Skips the calling test (missing binary, or a failed start outside CI) or fails it (a failed start in CI) unless all three servers run.</summary>
    public void RequireAll()
    {
        RequirePostgres();
        _redisStart.Require("Redis");
        _rabbitMqStart.Require("RabbitMQ");
    }

    /// <summary>As <see cref="RequireAll"/>, for PostgreSQL only.</summary>
    public void RequirePostgres() => _postgresStart.Require("PostgreSQL");

    /// <summary>As <see cref="RequireAll"/>, for Redis only.</summary>
    public void RequireRedis() => _redisStart.Require("Redis");

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

    private static async Task<(T? Server, ServerStart Start)> Start<T>(Func<Task<T>> start, string? notInstalled)
        where T : class
    {
        if (notInstalled is not null)
        {
            return (null, new ServerStart(notInstalled, Failure: null));
        }

        try
        {
            return (await start(), ServerStart.Started);
        }
        catch (ServerStartException ex) when (!StartFailuresFail)
        {
            return (null, new ServerStart(ex.Message + " (CI=true makes this a failure)", Failure: null));
        }
        catch (ServerStartException ex)
        {
            return (null, new ServerStart(SkipReason: null, ex.Message));
        }
    }

    private static string Describe(TimeSpan? started, ServerStart start)
        => start.Failure is { } failure ? "FAILED: " + failure
            : start.SkipReason is { } skip ? "not started: " + skip
            : $"started in {started?.TotalSeconds:0.0} s";

    /// <summary>How one server's start went: running, skipped with a reason, or failed with its output.</summary>
    private sealed record ServerStart(string? SkipReason, string? Failure)
    {
        public static readonly ServerStart Started = new(null, null);

        public void Require(string server)
        {
            if (Failure is not null)
            {
                throw new InvalidOperationException($"{server} is installed but did not start (CI=true: a failure, not a skip): {Failure}");
            }

            Skip.If(SkipReason is not null, $"{server}: {SkipReason}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "Servers";
}
