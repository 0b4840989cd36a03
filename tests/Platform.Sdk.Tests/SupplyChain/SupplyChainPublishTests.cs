using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Sdk.Tests.Container;
using Platform.Testing.Containers;

namespace Platform.Sdk.Tests.SupplyChain;

/// <summary>
/// The SBOM and the base image pin of a published service, for real: `dotnet publish -t:PublishContainer` on the packed kit
/// pushes to a loopback registry whose base image is pinned by digest in the allowlist; the SBOM is read back from the
/// image's app layer, validated against the CycloneDX schema with @cyclonedx/cyclonedx-library (tests/test-tools) and
/// compared with the project's packages.lock.json. It shares the container tests' registry and service (one collection).
/// </summary>
[Collection(ContainerPublishCollection.Name)]
public sealed class SupplyChainPublishTests(ContainerPublishFixture fixture)
{
    private const string SbomPathInImage = "/app/sbom.cdx.json";
    private const string Repository = "shop/sbom";

    [SkippableFact]
    public async Task Published_image_on_a_pinned_base_carries_a_valid_CycloneDX_sbom_of_the_lock_file_the_runtime_and_the_base_image()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        Skip.If(TestTools.CycloneDxValidatorSkipReason is not null, TestTools.CycloneDxValidatorSkipReason);
        var registry = await fixture.GetRegistryAsync();
        var repo = await fixture.GetServiceAsync();
        var digest = (await registry.GetManifestAsync("dotnet/aspnet", "10.0-noble-chiseled"))!.Digest;

        var publish = await repo.DotNetAsync([.. fixture.PublishArguments(), "-p:ContainerRepository=" + Repository, $"-p:PlatformContainerBaseImages={fixture.BaseImage}@{digest}", "-v:d"]);
        Assert.True(publish.Succeeded, publish.ToString());
        // The generator's code ran inside the build (no child process); the comparison with the process run is below.
        Assert.Contains("The SBOM generator (CycloneDX 6.3.1.0) ran in the build process: ", publish.Output, StringComparison.Ordinal);

        var config = await registry.GetConfigAsync(Repository, "1.4.2");
        Assert.Equal(SbomPathInImage, config.Labels["dev.platform.sbom"]);
        var manifest = await registry.GetImageManifestAsync(Repository, "1.4.2");
        var inImage = await ReadFileFromLayerAsync(registry, Repository, manifest.Layers[^1].Digest, SbomPathInImage.TrimStart('/'));
        Assert.NotNull(inImage);
        var inPublishOutput = Directory.GetFiles(Path.Combine(repo.ProjectDirectory, "bin"), "sbom.cdx.json", SearchOption.AllDirectories)
            .Single(f => f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(inPublishOutput), inImage);

        var validation = await TestTools.ValidateCycloneDxAsync(inPublishOutput);
        Assert.True(validation.Succeeded, validation.ToString());
        var bom = JsonNode.Parse(inImage)!.AsObject();
        Assert.True(Version.Parse(bom["specVersion"]!.GetValue<string>()) >= new Version(1, 5));
        Assert.Null(bom["serialNumber"]);

        var components = bom["components"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var packages = components.Where(c => c["purl"]!.GetValue<string>().StartsWith("pkg:nuget/", StringComparison.Ordinal))
            .ToDictionary(c => c["name"]!.GetValue<string>(), c => (Version: c["version"]!.GetValue<string>(), Purl: c["purl"]!.GetValue<string>()), StringComparer.OrdinalIgnoreCase);
        var locked = ReadLockFile(Path.Combine(repo.ProjectDirectory, "packages.lock.json"));
        Assert.NotEmpty(locked);
        foreach (var (name, version) in locked)
        {
            Assert.True(packages.TryGetValue(name, out var component), $"{name} {version} from packages.lock.json is not in the SBOM");
            Assert.Equal(version, component.Version);
            Assert.Equal($"pkg:nuget/{name}@{version}", component.Purl);
        }

        Assert.Equal(repo.KitVersion, packages["Platform.ServiceDefaults"].Version);
        Assert.Contains(packages.Keys, k => k.StartsWith("OpenTelemetry.Exporter.OpenTelemetryProtocol", StringComparison.Ordinal));
        Assert.Contains(packages.Keys, k => k.StartsWith("OpenTelemetry.Instrumentation.AspNetCore", StringComparison.Ordinal));

        // The runtime the service needs and the base image it ships on, referenced from the service itself.
        var frameworks = components.Where(c => c["type"]!.GetValue<string>() == "framework").Select(c => c["name"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["Microsoft.AspNetCore.App", "Microsoft.NETCore.App"], frameworks);
        var baseImage = Assert.Single(components, c => c["type"]!.GetValue<string>() == "container");
        Assert.Equal($"{registry.Host}/dotnet/aspnet", baseImage["name"]!.GetValue<string>());
        Assert.Equal($"pkg:oci/aspnet@{digest.Replace(":", "%3A", StringComparison.Ordinal)}?repository_url={registry.Host}/dotnet/aspnet&tag=10.0-noble-chiseled", baseImage["purl"]!.GetValue<string>());
        var service = bom["metadata"]!["component"]!["bom-ref"]!.GetValue<string>();
        var dependsOn = bom["dependencies"]!.AsArray().Single(d => d!["ref"]!.GetValue<string>() == service)!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains(baseImage["bom-ref"]!.GetValue<string>(), dependsOn);

        // The commit's time, not the clock's: the file is a function of the commit.
        var commitTime = await Platform.Sdk.Testing.ProcessRunner.RunAsync("git", ["log", "-1", "--format=%cI"], repo.Root);
        Assert.Equal(DateTimeOffset.Parse(commitTime.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
            DateTimeOffset.Parse(bom["metadata"]!["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        // A republish of an unchanged graph reuses the generator's output (Inputs/Outputs) and ships the same SBOM.
        var again = await repo.DotNetAsync([.. fixture.PublishArguments(), "-p:ContainerRepository=" + Repository, $"-p:PlatformContainerBaseImages={fixture.BaseImage}@{digest}", "-v:d"]);
        Assert.True(again.Succeeded, again.ToString());
        Assert.Contains("Skipping target \"_PlatformRunSbomGenerator\" because all output files are up-to-date", again.Output, StringComparison.Ordinal);
        var republished = await registry.GetImageManifestAsync(Repository, "1.4.2");
        Assert.Equal(inImage, await ReadFileFromLayerAsync(registry, Repository, republished.Layers[^1].Digest, SbomPathInImage.TrimStart('/')));

        // Two publishes of one commit: the same labels (created = the commit's time, not the clock's) and the same files in
        // the app layer. The layer digest itself still differs on .NET SDK 10.0.401, which stamps the clock's time on every
        // tar entry (it reads SOURCE_DATE_EPOCH from dotnet/sdk#55689 on; docs/supply-chain.md).
        var republishedConfig = await registry.GetConfigAsync(Repository, "1.4.2");
        Assert.Equal(config.Labels.OrderBy(l => l.Key), republishedConfig.Labels.OrderBy(l => l.Key));
        var commitTimeText = DateTimeOffset.Parse(commitTime.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(commitTimeText, config.Labels["org.opencontainers.image.created"]);
        Assert.Equal(commitTimeText, config.Labels["org.opencontainers.artifact.created"]);
        var files = await ReadLayerAsync(registry, Repository, manifest.Layers[^1].Digest);
        var republishedFiles = await ReadLayerAsync(registry, Repository, republished.Layers[^1].Digest);
        Assert.Equal(files.Keys.Order(), republishedFiles.Keys.Order());
        Assert.All(files, file => Assert.True(file.Value.AsSpan().SequenceEqual(republishedFiles[file.Key]), file.Key + " differs between the two publishes"));

        // The generator run as a process (PlatformSbomInProcess=false) writes the same SBOM as the in-process run.
        Directory.Delete(Directory.GetDirectories(Path.Combine(repo.ProjectDirectory, "obj"), "sbom", SearchOption.AllDirectories).Single(), recursive: true);
        var asProcess = await repo.DotNetAsync([.. fixture.PublishArguments(), "-p:ContainerRepository=" + Repository, $"-p:PlatformContainerBaseImages={fixture.BaseImage}@{digest}", "-p:PlatformSbomInProcess=false", "-v:d"]);
        Assert.True(asProcess.Succeeded, asProcess.ToString());
        Assert.DoesNotContain("ran in the build process", asProcess.Output, StringComparison.Ordinal);
        Assert.Equal(inImage, File.ReadAllBytes(inPublishOutput));
    }

    [SkippableTheory]
    [InlineData("missing", "PLAT0250")]
    [InlineData("not-an-assembly", "PLAT0251")]
    public async Task A_generator_that_is_missing_or_fails_stops_the_publish_with_nothing_written_or_pushed(string generator, string code)
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        var registry = await fixture.GetRegistryAsync();
        var repo = await fixture.GetServiceAsync();
        var output = Path.Combine(repo.Root, "out-" + generator);
        var generatorPath = Path.Combine(repo.Root, generator + ".dll");
        if (generator == "not-an-assembly")
        {
            await File.WriteAllTextAsync(generatorPath, "not a .NET assembly");
        }

        var repository = "shop/sbom-" + generator;
        var publish = await repo.DotNetAsync([.. fixture.PublishArguments(), "-p:ContainerRepository=" + repository, "-p:PlatformSbomGeneratorPath=" + generatorPath, "-o", output]);

        Assert.False(publish.Succeeded, publish.ToString());
        Assert.Contains($"error {code}", publish.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", publish.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), $"{output} should be empty:\n{publish}");
        Assert.DoesNotContain(repository, await registry.ListRepositoriesAsync());
    }

    [SkippableFact]
    public async Task A_base_whose_tag_resolves_to_another_digest_than_the_pin_is_PLAT0253_and_nothing_is_pushed()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        var registry = await fixture.GetRegistryAsync();
        var repo = await fixture.GetServiceAsync();
        var stalePin = "sha256:" + new string('0', 64);

        var publish = await repo.DotNetAsync([.. fixture.PublishArguments(), "-p:ContainerRepository=shop/stale-pin", $"-p:PlatformContainerBaseImages={fixture.BaseImage}@{stalePin}"]);

        Assert.False(publish.Succeeded, publish.ToString());
        Assert.Contains("error PLAT0253", publish.Output, StringComparison.Ordinal);
        Assert.Contains((await registry.GetManifestAsync("dotnet/aspnet", "10.0-noble-chiseled"))!.Digest, publish.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", publish.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("shop/stale-pin", await registry.ListRepositoriesAsync());
    }

    // The acceptance test of multi-arch publishing. The kit orders OTEL_RESOURCE_ATTRIBUTES (the value with '=') first, or
    // the .NET SDK's multi-RID path fails with MSB5016 (docs/supply-chain.md). Kubernetes manifests pin one image digest,
    // so they are off here (PLAT0214 for an index).
    [SkippableFact]
    public async Task A_multi_arch_publish_pushes_an_index_whose_amd64_and_arm64_images_each_carry_the_labels_and_their_sbom()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        var registry = await fixture.GetRegistryAsync();
        var repo = await fixture.GetServiceAsync();
        var baseImage = await PushMultiArchBaseAsync(registry);

        var publish = await repo.DotNetAsync([.. fixture.PublishArguments(), "-p:ContainerRepository=shop/multi-arch", "-p:ContainerRuntimeIdentifiers=\"linux-x64;linux-arm64\"",
            "-p:PlatformContainerBaseImages=" + baseImage, "-p:PlatformKubernetes=false"]);
        Assert.True(publish.Succeeded, publish.ToString());

        var index = await registry.GetManifestAsync("shop/multi-arch", "1.4.2");
        Assert.NotNull(index);
        Assert.True(index.IsIndex, index.RawText);
        Assert.Equal(["amd64", "arm64"], index.Manifests.Select(m => m.Architecture).Order());
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var manifest = await registry.GetImageManifestAsync("shop/multi-arch", "1.4.2", architecture);
            var config = ImageConfig.Parse(await registry.GetBlobJsonAsync("shop/multi-arch", manifest.Config!.Digest));
            Assert.Equal(SbomPathInImage, config.Labels["dev.platform.sbom"]);
            Assert.Equal(repo.Commit, config.Labels["org.opencontainers.image.revision"]);
            Assert.Equal(config.Labels["org.opencontainers.image.created"], config.Labels["org.opencontainers.artifact.created"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z$", config.Labels["org.opencontainers.image.created"]);
            var sbom = await ReadFileFromLayerAsync(registry, "shop/multi-arch", manifest.Layers[^1].Digest, SbomPathInImage.TrimStart('/'));
            Assert.NotNull(sbom);
            var components = JsonNode.Parse(sbom)!["components"]!.AsArray();
            Assert.Contains(components, c => c!["name"]!.GetValue<string>() == "Platform.ServiceDefaults");
        }
    }

    /// <summary>An index of the fixture's amd64 base and a minimal arm64 image (umoci: one file, config only), like Microsoft's multi-arch tags.</summary>
    private static async Task<string> PushMultiArchBaseAsync(LocalRegistry registry)
    {
        var amd64 = (await registry.GetManifestAsync("dotnet/aspnet", "10.0-noble-chiseled"))!;
        var work = Directory.CreateTempSubdirectory("platform-arm64-base-").FullName;
        try
        {
            var umoci = ToolAvailability.Current.Umoci!;
            var layout = Path.Combine(work, "layout");
            var rootfs = Path.Combine(work, "rootfs", "etc");
            Directory.CreateDirectory(rootfs);
            await File.WriteAllTextAsync(Path.Combine(rootfs, "os-release"), "ID=platform-test-arm64\n");
            foreach (var arguments in new[]
            {
                new[] { "init", "--layout", layout },
                ["new", "--image", layout + ":arm64"],
                ["insert", "--image", layout + ":arm64", Path.Combine(work, "rootfs"), "/"],
                ["config", "--image", layout + ":arm64", "--architecture", "arm64", "--os", "linux", "--config.user", "1654", "--config.workingdir", "/app"],
            })
            {
                (await Platform.Testing.Containers.ProcessRunner.RunAsync(umoci, arguments, TimeSpan.FromMinutes(2))).EnsureSuccess();
            }

            var arm64Pushed = await BaseImageBuilder.PushAsync(new OciLayout(layout, "arm64"), registry.Host, "dotnet/aspnet", "arm64-only");
            var arm64 = (await registry.GetManifestAsync("dotnet/aspnet", arm64Pushed.Digest))!;
            var index = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = MediaTypes.OciIndex,
                ["manifests"] = new JsonArray(
                    Entry(amd64, "amd64"),
                    Entry(arm64, "arm64")),
            };
            using var content = new StringContent(index.ToJsonString());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(MediaTypes.OciIndex);
            using var response = await registry.Http.PutAsync("v2/dotnet/aspnet/manifests/10.0-multiarch", content);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return $"{registry.Host}/dotnet/aspnet:10.0-multiarch";
        }
        finally
        {
            BaseImageBuilder.TryDeleteDirectory(work);
        }

        static JsonObject Entry(RegistryManifest manifest, string architecture) => new()
        {
            ["mediaType"] = manifest.MediaType,
            ["digest"] = manifest.Digest,
            ["size"] = System.Text.Encoding.UTF8.GetByteCount(manifest.RawText),
            ["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" },
        };
    }

    /// <summary>name → resolved version of every package in a packages.lock.json (all target frameworks).</summary>
    internal static Dictionary<string, string> ReadLockFile(string path)
    {
        var lockFile = JsonNode.Parse(File.ReadAllText(path))!;
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, framework) in lockFile["dependencies"]!.AsObject())
        {
            foreach (var (name, entry) in framework!.AsObject())
            {
                if (entry!["type"]?.GetValue<string>() != "Project")
                {
                    packages[name] = entry["resolved"]!.GetValue<string>();
                }
            }
        }

        return packages;
    }

    private static async Task<byte[]?> ReadFileFromLayerAsync(LocalRegistry registry, string repository, string digest, string path) =>
        (await ReadLayerAsync(registry, repository, digest)).GetValueOrDefault(path);

    /// <summary>Every file in a layer blob: path (without the leading ./ or /) → content.</summary>
    private static async Task<Dictionary<string, byte[]>> ReadLayerAsync(LocalRegistry registry, string repository, string digest)
    {
        using var response = await registry.Http.GetAsync($"v2/{repository}/blobs/{digest}");
        response.EnsureSuccessStatusCode();
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.DataStream is not null)
            {
                using var buffer = new MemoryStream();
                await entry.DataStream.CopyToAsync(buffer);
                files[entry.Name.TrimStart('.', '/')] = buffer.ToArray();
            }
        }

        return files;
    }
}
