using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Platform.Sdk.Tasks.SupplyChain;

namespace Platform.Sdk.Tasks.Tests.SupplyChain;

/// <summary>The pin check against a registry on loopback (an HTTP listener answering the manifest request like a registry).</summary>
public sealed class VerifyPlatformBaseImagePinTests
{
    [Fact]
    public async Task The_registry_is_asked_once_per_build_however_often_the_target_runs()
    {
        var manifest = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}""");
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var registry = new HttpListener();
        registry.Prefixes.Add($"http://127.0.0.1:{port}/");
        registry.Start();
        var requests = 0;
        var serving = Task.Run(async () =>
        {
            while (registry.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await registry.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref requests);
                context.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
                await context.Response.OutputStream.WriteAsync(manifest);
                context.Response.Close();
            }
        });

        var engine = new RecordingBuildEngine();
        foreach (var _ in new[] { "linux-x64", "linux-arm64", "ComputeContainerConfig" })
        {
            var task = new VerifyPlatformBaseImagePin { BuildEngine = engine, BaseImage = $"127.0.0.1:{port}/dotnet/aspnet:10.0@{digest}", InsecureRegistries = $"127.0.0.1:{port}" };
            Assert.True(task.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message).Concat(engine.Warnings.Select(w => w.Message))));
            Assert.Equal(digest, task.ResolvedDigest);
        }

        registry.Stop();
        await serving;
        Assert.Equal(1, requests);
    }
}
