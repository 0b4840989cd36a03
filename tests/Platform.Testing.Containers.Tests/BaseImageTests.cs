using System.Diagnostics;

namespace Platform.Testing.Containers.Tests;

[Collection(ContainerCollection.Name)]
public sealed class BaseImageTests(ContainerToolchainFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Aspnet_base_image_under_the_mirrored_name_has_the_app_user_and_env_in_its_config()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        var registry = fixture.Registry!;
        var builder = fixture.Builder!;

        var sw = Stopwatch.StartNew();
        var layout = await builder.GetOrBuildLayoutAsync(BaseImageFlavor.AspNet);
        var built = sw.Elapsed;
        var pushed = await builder.BuildAndPushAsync(BaseImageFlavor.AspNet, registry, "dotnet/aspnet", "10.0-noble-chiseled");
        output.WriteLine($"aspnet base layout {layout.Directory} ready in {built.TotalSeconds:F1}s (cached builds are instant), pushed {pushed} in {(sw.Elapsed - built).TotalSeconds:F1}s");

        Assert.Equal($"{registry.Host}/dotnet/aspnet:10.0-noble-chiseled", pushed.Reference);
        Assert.Contains("10.0-noble-chiseled", await registry.ListTagsAsync("dotnet/aspnet"));
        Assert.Contains("dotnet/aspnet", await registry.ListRepositoriesAsync());

        var manifest = await registry.GetImageManifestAsync("dotnet/aspnet", "10.0-noble-chiseled");
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(pushed.Digest, manifest.Digest);
        Assert.Equal(MediaTypes.OciConfig, manifest.Config!.MediaType);
        var layer = Assert.Single(manifest.Layers);
        Assert.Equal(MediaTypes.OciLayerTarGzip, layer.MediaType);

        var config = await registry.GetConfigAsync("dotnet/aspnet", "10.0-noble-chiseled");
        Assert.Equal("1654", config.User);
        Assert.Equal("/app", config.WorkingDir);
        Assert.Equal("1654", config.Environment["APP_UID"]);
        Assert.Equal("8080", config.Environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("true", config.Environment["DOTNET_RUNNING_IN_CONTAINER"]);
        Assert.Equal(builder.RuntimeVersion, config.Environment["DOTNET_VERSION"]);
        Assert.Equal(builder.AspNetCoreVersion, config.Environment["ASPNET_VERSION"]);
        Assert.Equal("aspnet", config.Labels[BaseImageBuilder.BaseFlavorLabel]);
        Assert.Null(config.Entrypoint);
        Assert.Empty(config.ExposedPorts);
        Assert.Equal("linux", config.Os);
        Assert.Equal("amd64", config.Architecture);
        Assert.Single(config.DiffIds);

        // By digest too (what the SDK records as org.opencontainers.image.base.digest).
        Assert.NotNull(await registry.GetManifestAsync("dotnet/aspnet", pushed.Digest));
    }

    [SkippableFact]
    public async Task Runtime_base_image_has_no_aspnet_bits_and_a_cached_rebuild_is_instant()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        var registry = fixture.Registry!;
        var builder = fixture.Builder!;

        var pushed = await builder.BuildAndPushAsync(BaseImageFlavor.Runtime, registry, "dotnet/runtime", "10.0-noble-chiseled");
        var sw = Stopwatch.StartNew();
        var again = await builder.GetOrBuildLayoutAsync(BaseImageFlavor.Runtime);
        output.WriteLine($"runtime base pushed as {pushed}; cached layout lookup {sw.Elapsed.TotalMilliseconds:F0} ms ({again.Directory})");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1));

        var config = await registry.GetConfigAsync("dotnet/runtime", "10.0-noble-chiseled");
        Assert.Equal("1654", config.User);
        Assert.Equal("1654", config.Environment["APP_UID"]);
        Assert.False(config.Environment.ContainsKey("ASPNETCORE_HTTP_PORTS"));
        Assert.Equal("runtime", config.Labels[BaseImageBuilder.BaseFlavorLabel]);

        var libs = await builder.FindNativeLibrariesAsync(BaseImageFlavor.Runtime);
        output.WriteLine("native libraries: " + string.Join(' ', libs));
        Assert.Contains(libs, l => l.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.Contains(libs, l => l.EndsWith("/libstdc++.so.6", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Docker_v2_manifests_are_read_as_well_as_OCI_ones()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        var registry = fixture.Registry!;
        var layout = await fixture.Builder!.GetOrBuildLayoutAsync(BaseImageFlavor.Runtime);

        var pushed = await BaseImageBuilder.PushAsync(layout, registry.Host, "docker-format/runtime", "v2s2", dockerV2Format: true);

        var manifest = await registry.GetImageManifestAsync("docker-format/runtime", "v2s2");
        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
        Assert.Equal(pushed.Digest, manifest.Digest);
        Assert.Equal(MediaTypes.DockerConfig, manifest.Config!.MediaType);
        Assert.Equal(MediaTypes.DockerLayerTarGzip, Assert.Single(manifest.Layers).MediaType);
        var config = await registry.GetConfigAsync("docker-format/runtime", "v2s2");
        Assert.Equal("1654", config.User);

        var entries = await registry.GetLayerEntriesAsync("docker-format/runtime", manifest.Layers[0].Digest);
        var passwd = Assert.Single(entries, e => e.NormalizedName == "etc/passwd");
        Assert.Equal(0, passwd.Uid);
        var app = Assert.Single(entries, e => e.NormalizedName == "app");
        Assert.Equal(BaseImageBuilder.AppUid, app.Uid);
        Assert.Contains(entries, e => e.NormalizedName == "usr/share/dotnet/dotnet");
        Assert.Contains(entries, e => e.NormalizedName == "usr/bin/dotnet" && e.LinkName == "../share/dotnet/dotnet");
    }
}
