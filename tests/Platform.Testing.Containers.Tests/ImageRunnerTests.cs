using System.Diagnostics;
using System.Net;

namespace Platform.Testing.Containers.Tests;

[Collection(ContainerCollection.Name)]
public sealed class ImageRunnerTests(ContainerToolchainFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Base_image_runs_the_dotnet_host_as_the_app_user()
    {
        Skip.If(ToolAvailability.Current.RunSkipReason is not null, ToolAvailability.Current.RunSkipReason);
        var registry = fixture.Registry!;
        var builder = fixture.Builder!;
        var pushed = await builder.BuildAndPushAsync(BaseImageFlavor.Runtime, registry, "dotnet/runtime", "list-runtimes");

        await using var runner = new ImageRunner();
        var sw = Stopwatch.StartNew();
        var result = await runner.RunToCompletionAsync(new ContainerRunOptions
        {
            Image = pushed.Reference,
            Command = ["dotnet", "--list-runtimes"],
        });
        output.WriteLine($"podman pull+run of {pushed.Reference}: {sw.Elapsed.TotalSeconds:F1}s\n{result.StandardOutput}{result.StandardError}");

        result.EnsureSuccess();
        Assert.Contains($"Microsoft.NETCore.App {builder.RuntimeVersion} [/usr/share/dotnet/shared/Microsoft.NETCore.App]", result.StandardOutput);
        Assert.DoesNotContain("Microsoft.AspNetCore.App", result.StandardOutput);
    }

    [SkippableFact]
    public async Task Published_web_app_on_the_aspnet_base_answers_health_on_loopback_as_uid_1654()
    {
        Skip.If(ToolAvailability.Current.RunSkipReason is not null, ToolAvailability.Current.RunSkipReason);
        var registry = fixture.Registry!;
        var builder = fixture.Builder!;

        var sw = Stopwatch.StartNew();
        var app = await fixture.GetPublishedSampleAppAsync();
        var published = sw.Elapsed;
        var image = await builder.BuildAppImageAndPushAsync(
            BaseImageFlavor.AspNet,
            app,
            ["dotnet", $"/app/{SampleApp.AssemblyName}.dll"],
            registry.Host,
            "samples/health-app",
            "1.0.0",
            exposedPorts: ["8080/tcp"],
            labels: new Dictionary<string, string> { ["org.opencontainers.image.title"] = "health-app" });
        var pushedAt = sw.Elapsed;

        var config = await registry.GetConfigAsync("samples/health-app", "1.0.0");
        Assert.Equal(["dotnet", "/app/HealthApp.dll"], config.Entrypoint);
        Assert.Equal(["8080/tcp"], config.ExposedPorts);
        Assert.Equal("health-app", config.Labels["org.opencontainers.image.title"]);
        Assert.Equal("aspnet", config.Labels[BaseImageBuilder.BaseFlavorLabel]);
        Assert.Equal(2, config.DiffIds.Count);
        var appLayer = (await registry.GetImageManifestAsync("samples/health-app", "1.0.0")).Layers[^1];
        var appFiles = await registry.GetLayerEntriesAsync("samples/health-app", appLayer.Digest);
        Assert.Contains(appFiles, e => e.NormalizedName == $"app/{SampleApp.AssemblyName}.dll");

        await using var runner = new ImageRunner();
        int pid;
        await using (var container = await runner.StartAsync(new ContainerRunOptions { Image = image.Reference, Ports = [8080] }))
        {
            pid = container.ProcessId;
            var (status, body) = await container.WaitForHttpAsync(8080, "/health", TimeSpan.FromSeconds(30));
            var answeredAt = sw.Elapsed;
            output.WriteLine($"publish {published.TotalSeconds:F1}s, image build+push {(pushedAt - published).TotalSeconds:F1}s, pull+start+first 200 {(answeredAt - pushedAt).TotalSeconds:F1}s; {container.GetBaseAddress(8080)} -> {body}");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("healthy user=app", body);
            var ready = await container.WaitForHttpAsync(8080, "/health/ready", TimeSpan.FromSeconds(5));
            Assert.Equal("ready", ready.Body);

            var identity = container.GetProcessIdentity();
            Assert.Equal(BaseImageBuilder.AppUid, identity.EffectiveUid);
            Assert.Equal(BaseImageBuilder.AppUid, identity.RealUid);
            Assert.Equal(BaseImageBuilder.AppUid, identity.EffectiveGid);

            Assert.True(await container.StopAsync(), "the app should exit on SIGTERM");
        }

        Assert.False(ProcessKiller.IsAlive(pid));
    }

    [SkippableFact]
    public async Task A_container_that_exits_fails_the_wait_with_its_logs()
    {
        Skip.If(ToolAvailability.Current.RunSkipReason is not null, ToolAvailability.Current.RunSkipReason);
        var pushed = await fixture.Builder!.BuildAndPushAsync(BaseImageFlavor.Runtime, fixture.Registry!, "dotnet/runtime", "exits");

        await using var runner = new ImageRunner();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var container = await runner.StartAsync(new ContainerRunOptions
            {
                Image = pushed.Reference,
                Entrypoint = ["dotnet", "/app/missing.dll"],
                Ports = [8080],
            });
            await container.WaitForHttpAsync(8080, "/health", TimeSpan.FromSeconds(20));
        });
        output.WriteLine(ex.Message);
        Assert.Contains("exited", ex.Message);
        Assert.Contains("/app/missing.dll", ex.Message);
    }
}
