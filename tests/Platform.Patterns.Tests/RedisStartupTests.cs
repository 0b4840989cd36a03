using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Patterns.Redis;
using Platform.ServiceDefaults;
using StackExchange.Redis;

namespace Platform.Patterns.Tests;

/// <summary>
/// When the Redis multiplexer connects (docs/patterns.md, Redis, Startup): not on the startup path, not with the liveness
/// probes, but when the readiness probe or the first use asks, on a thread of its own.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RedisStartupTests(ServersFixture servers)
{
    [Fact]
    public async Task Startup_does_not_wait_for_a_Redis_that_never_answers_and_readiness_stays_503()
    {
        // A server that accepts the TCP connection and never answers: the client's handshake waits for connectTimeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = AcceptForeverAsync(silent, held);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var builder = PatternService.CreateBuilder(new() { ["ConnectionStrings:cache"] = $"127.0.0.1:{port},connectTimeout=30000" });
        builder.AddPlatformDefaults();
        builder.AddPlatformRedis("cache");
        await using var app = builder.Build();
        app.MapPlatformEndpoints();

        var watch = Stopwatch.StartNew();
        await app.StartAsync();
        var started = watch.Elapsed;

        // A synchronous connect on the startup path would hold StartAsync for the 30 s connect timeout.
        Assert.True(started < TimeSpan.FromSeconds(15), $"StartAsync took {started}");
        using var http = new HttpClient { BaseAddress = Address(app), Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(PlatformHealthChecks.LivePath, UriKind.Relative))).StatusCode);

        // Readiness waits for the connect as long as the check may take (5 s), then says it is still connecting.
        watch.Restart();
        using var ready = await http.GetAsync(new Uri(PlatformHealthChecks.ReadyPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"readiness took {watch.Elapsed}");
        await app.StopAsync();
        silent.Stop();
        await accepting;
        held.ForEach(c => c.Dispose());
    }

    [SkippableFact]
    public async Task Liveness_does_not_connect_and_the_first_readiness_probe_connects_and_answers_200()
    {
        servers.RequireRedis();
        var clientName = "startup-" + Guid.NewGuid().ToString("N")[..8];
        var builder = PatternService.CreateBuilder(new() { ["ConnectionStrings:cache"] = servers.Redis!.ConnectionString });
        builder.AddPlatformDefaults();
        builder.AddPlatformRedis("cache", options => options.ClientName = clientName);
        await using var app = builder.Build();
        app.MapPlatformEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = Address(app), Timeout = TimeSpan.FromSeconds(30) };
        await using var observer = await ConnectionMultiplexer.ConnectAsync(servers.Redis.ConnectionString + ",allowAdmin=true");
        var server = observer.GetServer(observer.GetEndPoints()[0]);

        // Startup and liveness leave Redis alone: the connect's CPU does not compete with the first probes.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(PlatformHealthChecks.LivePath, UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(await server.ClientListAsync(), c => c.Name == clientName);

        // The first readiness probe starts the connect and waits for it: ready at once, no 503 and no missed probe period.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(PlatformHealthChecks.ReadyPath, UriKind.Relative))).StatusCode);
        Assert.Contains(await server.ClientListAsync(), c => c.Name == clientName);
        await app.StopAsync();
    }

    [SkippableFact]
    public async Task A_multiplexer_resolved_before_startup_is_the_one_connect_and_the_host_disposes_it()
    {
        servers.RequireRedis();
        var builder = PatternService.CreateBuilder(new() { ["ConnectionStrings:cache"] = servers.Redis!.ConnectionString });
        builder.AddPlatformDefaults();
        builder.AddPlatformRedis("cache");
        var app = builder.Build();
        app.MapPlatformEndpoints();

        // E.g. a singleton that takes the multiplexer in its constructor: it starts the connect and waits for it.
        var early = app.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.True(early.IsConnected);
        await app.StartAsync();

        Assert.Equal(HttpStatusCode.OK, await ReadinessAfterAsync(app, TimeSpan.FromSeconds(30)));
        Assert.Same(early, app.Services.GetRequiredService<IConnectionMultiplexer>());
        await app.StopAsync();
        await app.DisposeAsync();
        Assert.False(early.IsConnected);
    }

    private static async Task<HttpStatusCode> ReadinessAfterAsync(WebApplication app, TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Address(app), Timeout = limit };
        var ready = HttpStatusCode.ServiceUnavailable;
        for (var watch = Stopwatch.StartNew(); ready != HttpStatusCode.OK && watch.Elapsed < limit; await Task.Delay(100))
        {
            using var response = await http.GetAsync(new Uri(PlatformHealthChecks.ReadyPath, UriKind.Relative));
            ready = response.StatusCode;
        }

        return ready;
    }

    private static Uri Address(WebApplication app)
        => new(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    private static async Task AcceptForeverAsync(TcpListener listener, List<TcpClient> held)
    {
        try
        {
            while (true)
            {
                held.Add(await listener.AcceptTcpClientAsync());
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
