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
/// When the Redis multiplexer connects (docs/patterns.md, Redis, Startup): not on the startup path, not inside the first
/// requests, but on its own right after the host started, with readiness 503 until then.
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
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri(PlatformHealthChecks.ReadyPath, UriKind.Relative))).StatusCode);
        await app.StopAsync();
        silent.Stop();
        await accepting;
        held.ForEach(c => c.Dispose());
    }

    [SkippableFact]
    public async Task The_multiplexer_connects_by_itself_after_startup_before_any_request()
    {
        servers.RequireRedis();
        var clientName = "startup-" + Guid.NewGuid().ToString("N")[..8];
        var builder = PatternService.CreateBuilder(new() { ["ConnectionStrings:cache"] = servers.Redis!.ConnectionString });
        builder.AddPlatformDefaults();
        builder.AddPlatformRedis("cache", options => options.ClientName = clientName);
        await using var app = builder.Build();
        app.MapPlatformEndpoints();

        await app.StartAsync();

        // No request was made: the service's connection shows up at the server anyway.
        await using var observer = await ConnectionMultiplexer.ConnectAsync(servers.Redis.ConnectionString + ",allowAdmin=true");
        var server = observer.GetServer(observer.GetEndPoints()[0]);
        var watch = Stopwatch.StartNew();
        while (!(await server.ClientListAsync()).Any(c => c.Name == clientName) && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.Contains(await server.ClientListAsync(), c => c.Name == clientName);

        // Ready once the multiplexer is created (the connection shows at the server a moment before Connect returns).
        using var http = new HttpClient { BaseAddress = Address(app), Timeout = TimeSpan.FromSeconds(30) };
        var ready = HttpStatusCode.ServiceUnavailable;
        for (watch.Restart(); ready != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100))
        {
            using var response = await http.GetAsync(new Uri(PlatformHealthChecks.ReadyPath, UriKind.Relative));
            ready = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, ready);
        await app.StopAsync();
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
