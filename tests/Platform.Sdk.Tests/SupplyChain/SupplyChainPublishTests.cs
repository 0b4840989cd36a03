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
/// compared with the project's packages.lock.json.
/// </summary>
public sealed class SupplyChainPublishTests(ContainerPublishFixture fixture) : IClassFixture<ContainerPublishFixture>
{
    private const string SbomPathInImage = "/app/sbom.cdx.json";

    [SkippableFact]
    public async Task Published_image_on_a_pinned_base_carries_a_valid_CycloneDX_sbom_of_the_lock_file_the_runtime_and_the_base_image()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        Skip.If(TestTools.CycloneDxValidatorSkipReason is not null, TestTools.CycloneDxValidatorSkipReason);
        var registry = await fixture.GetRegistryAsync();
        var repo = await fixture.GetServiceAsync();
        var digest = (await registry.GetManifestAsync("dotnet/aspnet", "10.0-noble-chiseled"))!.Digest;

        var publish = await repo.DotNetAsync([.. fixture.PublishArguments(), $"-p:PlatformContainerBaseImages={fixture.BaseImage}@{digest}"]);
        Assert.True(publish.Succeeded, publish.ToString());

        var config = await registry.GetConfigAsync(ContainerPublishFixture.Repository, "1.4.2");
        Assert.Equal(SbomPathInImage, config.Labels["dev.platform.sbom"]);
        var manifest = await registry.GetImageManifestAsync(ContainerPublishFixture.Repository, "1.4.2");
        var inImage = await ReadFileFromLayerAsync(registry, ContainerPublishFixture.Repository, manifest.Layers[^1].Digest, SbomPathInImage.TrimStart('/'));
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

    private static async Task<byte[]?> ReadFileFromLayerAsync(LocalRegistry registry, string repository, string digest, string path)
    {
        using var response = await registry.Http.GetAsync($"v2/{repository}/blobs/{digest}");
        response.EnsureSuccessStatusCode();
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == path && entry.DataStream is not null)
            {
                using var buffer = new MemoryStream();
                await entry.DataStream.CopyToAsync(buffer);
                return buffer.ToArray();
            }
        }

        return null;
    }
}
