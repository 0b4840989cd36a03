using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Platform.Testing.Containers;
using Xunit.Abstractions;

namespace Platform.Sdk.Tests.Container;

/// <summary>
/// `dotnet publish -t:PublishContainer` on the packed kit, for real: the base image comes from a loopback registry under its
/// mirrored name, the image is pushed there, read back over the registry API and run as a container. Skips, with the reason,
/// when the container tools are missing (tests/Platform.Testing.Containers/install-tools.sh).
/// </summary>
[Collection(ContainerPublishCollection.Name)]
public sealed class ContainerPublishTests(ContainerPublishFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Published_service_has_the_golden_settings_in_the_registry_and_answers_ready_as_a_non_root_user()
    {
        Skip.If(ToolAvailability.Current.RunSkipReason is not null, ToolAvailability.Current.RunSkipReason);
        var registry = await fixture.GetRegistryAsync();
        var repo = await fixture.GetServiceAsync();
        var sw = Stopwatch.StartNew();

        var publish = await repo.DotNetAsync(fixture.PublishArguments());
        output.WriteLine($"publish -t:PublishContainer: {sw.Elapsed.TotalSeconds:F1}s");
        Assert.True(publish.Succeeded, publish.ToString());

        var shortSha = repo.Commit[..7];
        Assert.Equal(new[] { "1.4.2", "1.4.2-" + shortSha }, (await registry.ListTagsAsync(ContainerPublishFixture.Repository)).Order());
        var config = await registry.GetConfigAsync(ContainerPublishFixture.Repository, "1.4.2");
        var bySha = await registry.GetImageManifestAsync(ContainerPublishFixture.Repository, "1.4.2-" + shortSha);
        Assert.Equal((await registry.GetImageManifestAsync(ContainerPublishFixture.Repository, "1.4.2")).Digest, bySha.Digest);
        AssertGoldenConfig(config, repo, fixture.BaseImage);

        await using var runner = new ImageRunner();
        await using var container = await runner.StartAsync(new ContainerRunOptions { Image = $"{registry.Host}/{ContainerPublishFixture.Repository}:1.4.2", Ports = [8080] });
        var (status, _) = await container.WaitForHttpAsync(8080, "/health/ready", TimeSpan.FromSeconds(60));
        output.WriteLine($"pull, start and first 200 from /health/ready: {sw.Elapsed.TotalSeconds:F1}s in total");

        Assert.Equal(HttpStatusCode.OK, status);
        var identity = container.GetProcessIdentity();
        Assert.Equal(1654, identity.EffectiveUid);
        Assert.Equal(1654, identity.RealUid);
        Assert.True(await container.StopAsync(), "the service should stop on SIGTERM");
    }

    [SkippableFact]
    public async Task Publishing_to_a_tarball_writes_the_same_settings_and_pushes_nothing()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        var registry = await fixture.GetRegistryAsync();
        var repo = await fixture.GetServiceAsync();
        var archive = Path.Combine(repo.Root, "image.tar");
        var sw = Stopwatch.StartNew();

        var publish = await repo.DotNetAsync([.. fixture.PublishArguments(pushTo: null), "-p:ContainerArchiveOutputPath=" + archive]);
        output.WriteLine($"publish -t:PublishContainer to a tarball: {sw.Elapsed.TotalSeconds:F1}s");
        Assert.True(publish.Succeeded, publish.ToString());

        Assert.True(File.Exists(archive), $"{archive} should exist\n{publish}");
        var (config, tags) = ReadArchive(archive);
        AssertGoldenConfig(ImageConfig.Parse(config), repo, fixture.BaseImage);
        // Without ContainerRegistry the SDK names the image after docker.io; the tags are the same two, no latest.
        Assert.Equal(
            new[] { $"{ContainerPublishFixture.Repository}:1.4.2", $"{ContainerPublishFixture.Repository}:1.4.2-{repo.Commit[..7]}" },
            tags.Select(t => t.Split('/', 2)[1]).Order());
        Assert.DoesNotContain(ContainerPublishFixture.Repository, await registry.ListRepositoriesAsync());
    }

    private static void AssertGoldenConfig(ImageConfig config, ConsumerRepo repo, string baseImage)
    {
        Assert.Equal("1654", config.User);
        Assert.Equal(["dotnet", "/app/OrderApi.dll"], config.Entrypoint);
        Assert.Equal("/app/", config.WorkingDir);
        Assert.Equal(["8080/tcp"], config.ExposedPorts);

        Assert.Equal("order-api", config.Environment["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.namespace=shop,service.version=1.4.2,vcs.ref.head.revision={repo.Commit}", config.Environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("8080", config.Environment["ASPNETCORE_HTTP_PORTS"]);

        Assert.Equal("https://github.com/contoso/orderapi", config.Labels["org.opencontainers.image.source"]);
        Assert.Equal(repo.Commit, config.Labels["org.opencontainers.image.revision"]);
        Assert.Equal("1.4.2", config.Labels["org.opencontainers.image.version"]);
        Assert.Equal("order-api", config.Labels["org.opencontainers.image.title"]);
        Assert.Equal("Contoso", config.Labels["org.opencontainers.image.vendor"]);
        Assert.Equal(repo.KitVersion, config.Labels["dev.platform.sdk.version"]);
        Assert.Equal(baseImage, config.Labels["org.opencontainers.image.base.name"]);
        var created = DateTimeOffset.Parse(config.Labels["org.opencontainers.image.created"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(created, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    /// <summary>The image config and the repo:tag names of a PublishContainer tarball (docker-load or OCI layout).</summary>
    private static (JsonObject Config, IReadOnlyList<string> Tags) ReadArchive(string path)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        // The SDK writes a plain tar whatever the extension; accept a gzipped one too.
        var bytes = File.ReadAllBytes(path);
        using var raw = new MemoryStream(bytes);
        using Stream stream = bytes is [0x1f, 0x8b, ..] ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using (var tar = new TarReader(stream))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is not null && (entry.Name.EndsWith(".json", StringComparison.Ordinal) || entry.Name.StartsWith("blobs/", StringComparison.Ordinal) && entry.Length < 1_000_000))
                {
                    using var buffer = new MemoryStream();
                    entry.DataStream.CopyTo(buffer);
                    files[entry.Name.TrimStart('.', '/')] = buffer.ToArray();
                }
            }
        }

        JsonObject Json(string name) => JsonNode.Parse(files[name])!.AsObject();
        if (files.ContainsKey("manifest.json"))
        {
            var entry = JsonNode.Parse(files["manifest.json"])!.AsArray()[0]!;
            return (Json(entry["Config"]!.GetValue<string>()), entry["RepoTags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList());
        }

        var index = Json("index.json");
        var descriptor = index["manifests"]!.AsArray()[0]!;
        var manifest = Json("blobs/" + descriptor["digest"]!.GetValue<string>().Replace(':', '/'));
        var tags = index["manifests"]!.AsArray().Select(m => m!["annotations"]?["io.containerd.image.name"]?.GetValue<string>() ?? string.Empty).ToList();
        return (Json("blobs/" + manifest["config"]!["digest"]!.GetValue<string>().Replace(':', '/')), tags);
    }
}

/// <summary>The publish tests share one registry and base image (the Kubernetes tests publish to it too); they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerPublishCollection : ICollectionFixture<ContainerPublishFixture>
{
    public const string Name = "Container publish";
}

/// <summary>One loopback registry with the aspnet base image under its mirrored name, and one sample service repo.</summary>
public sealed class ContainerPublishFixture : IAsyncLifetime
{
    public const string Repository = "shop/order-api";

    private const string ServiceCode = """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformDefaults();

        var app = builder.Build();
        app.MapPlatformEndpoints();
        app.MapGet("/orders/{id}", (int id) => Results.Ok(new { Id = id }));

        app.Run();
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private LocalRegistry? _registry;
    private ConsumerRepo? _service;

    /// <summary>The base image reference as the mirror rewrites it: <c>localhost:PORT/dotnet/aspnet:10.0-noble-chiseled</c>.</summary>
    public string BaseImage => $"{_registry!.Host}/dotnet/aspnet:10.0-noble-chiseled";

    public async Task<LocalRegistry> GetRegistryAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_registry is null)
            {
                _registry = await LocalRegistry.StartAsync();
                await new BaseImageBuilder().BuildAndPushAsync(BaseImageFlavor.AspNet, _registry, "dotnet/aspnet", "10.0-noble-chiseled");
            }

            return _registry;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ConsumerRepo> GetServiceAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _service ??= await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
                .WithProperty("Version", "1.4.2")
                .WithProperty("Company", "Contoso")
                .WithRepoFile("Directory.Build.props", "<Project><PropertyGroup><PlatformServiceNamespace>shop</PlatformServiceNamespace></PropertyGroup></Project>")
                .WithFile("Program.cs", ServiceCode)
                .WriteAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>`dotnet publish -t:PublishContainer` with the base image from the mirror, pushing to <paramref name="pushTo"/> (default: the registry).</summary>
    public string[] PublishArguments(string? pushTo = "") =>
    [
        // RunAnalyzers=false: the analyzers have their own tests; here they would only cost compile time.
        "publish", _service!.ProjectPath, "-t:PublishContainer", "-nodeReuse:false", "-p:RunAnalyzers=false",
        "-p:PlatformContainerRegistryMirror=" + _registry!.Host,
        .. pushTo is null ? Array.Empty<string>() : ["-p:ContainerRegistry=" + (pushTo.Length == 0 ? _registry.Host : pushTo)],
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _gate.Dispose();
    }
}
