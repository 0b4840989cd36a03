using System.Globalization;
using System.Net;

namespace Platform.Testing.Containers.Tests;

[Collection(ContainerCollection.Name)]
public sealed class LocalRegistryTests(ContainerToolchainFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Starts_on_loopback_only_and_answers_v2()
    {
        Skip.If(fixture.Registry is null, ToolAvailability.Current.RegistrySkipReason);
        var registry = fixture.Registry!;
        output.WriteLine($"registry {registry.Host} pid {registry.ProcessId} started in {fixture.RegistryStartTime.TotalMilliseconds:F0} ms");

        Assert.Equal(HttpStatusCode.OK, await registry.PingAsync());
        Assert.Equal($"localhost:{registry.Port}", registry.Host);
        Assert.True(ProcessKiller.IsAlive(registry.ProcessId));

        // The only listening socket on that port is 127.0.0.1 (0100007F in /proc/net/tcp), none on IPv6.
        var portHex = registry.Port.ToString("X4", CultureInfo.InvariantCulture);
        var listeners = File.ReadLines("/proc/net/tcp").Skip(1)
            .Concat(File.Exists("/proc/net/tcp6") ? File.ReadLines("/proc/net/tcp6").Skip(1) : [])
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[1].EndsWith(":" + portHex, StringComparison.Ordinal) && f[3] == "0A")
            .Select(f => f[1])
            .ToList();
        Assert.Equal([$"0100007F:{portHex}"], listeners);
    }

    [SkippableFact]
    public async Task Missing_repository_has_no_tags_and_no_manifest()
    {
        Skip.If(fixture.Registry is null, ToolAvailability.Current.RegistrySkipReason);
        Assert.Empty(await fixture.Registry!.ListTagsAsync("no/such-repo"));
        Assert.Null(await fixture.Registry.GetManifestAsync("no/such-repo", "latest"));
    }

    [SkippableFact]
    public async Task Dispose_kills_the_process_and_deletes_storage()
    {
        Skip.If(ToolAvailability.Current.RegistrySkipReason is not null, ToolAvailability.Current.RegistrySkipReason);
        var registry = await LocalRegistry.StartAsync();
        var pid = registry.ProcessId;
        var dir = registry.Directory;
        Assert.True(Directory.Exists(dir));

        await registry.DisposeAsync();

        Assert.False(ProcessKiller.IsAlive(pid));
        Assert.False(Directory.Exists(dir));
    }
}
