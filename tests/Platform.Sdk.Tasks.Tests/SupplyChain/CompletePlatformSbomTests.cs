using System.Text.Json.Nodes;
using Microsoft.Build.Utilities;
using Platform.Sdk.Tasks.SupplyChain;

namespace Platform.Sdk.Tasks.Tests.SupplyChain;

public sealed class CompletePlatformSbomTests : IDisposable
{
    private const string Generated = """
        {"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:0b7b3f5e-1b0e-4c55-9d52-0f3c1a2d7e11","version":1,
         "metadata":{"timestamp":"2026-12-01T20:37:17Z","component":{"type":"application","bom-ref":"Orders@1.0.0","name":"Orders","version":"1.0.0"}},
         "components":[{"type":"library","bom-ref":"pkg:nuget/Polly.Core@8.6.4","name":"Polly.Core","version":"8.6.4","purl":"pkg:nuget/Polly.Core@8.6.4"},
                       {"type":"library","bom-ref":"pkg:nuget/OpenTelemetry@1.20.1","name":"OpenTelemetry","version":"1.20.1","purl":"pkg:nuget/OpenTelemetry@1.20.1"}],
         "dependencies":[{"ref":"Orders@1.0.0","dependsOn":["pkg:nuget/OpenTelemetry@1.20.1"]}]}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("platform-sbom-").FullName;

    [Fact]
    public void Adds_the_runtime_and_the_pinned_base_image_drops_the_serial_number_and_uses_the_commit_time()
    {
        var (task, engine, output) = Run(Generated, "registry.example.com/dotnet/aspnet:10.0-noble-chiseled@sha256:" + new string('a', 64), "1764621437");

        Assert.True(task.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));
        var bom = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Null(bom["serialNumber"]);
        Assert.Equal("2025-12-01T20:37:17Z", bom["metadata"]!["timestamp"]!.GetValue<string>());
        var refs = bom["components"]!.AsArray().Select(c => c!["bom-ref"]!.GetValue<string>()).ToList();
        Assert.Equal(refs.Order(StringComparer.Ordinal), refs);
        Assert.Contains("pkg:generic/dotnet/Microsoft.NETCore.App@10.0.0", refs);
        var image = bom["components"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "container")!;
        Assert.Equal("pkg:oci/aspnet@sha256%3A" + new string('a', 64) + "?repository_url=registry.example.com/dotnet/aspnet&tag=10.0-noble-chiseled", image["purl"]!.GetValue<string>());
        Assert.Equal(new string('a', 64), image["hashes"]![0]!["content"]!.GetValue<string>());
        var dependsOn = bom["dependencies"]!.AsArray().Single(d => d!["ref"]!.GetValue<string>() == "Orders@1.0.0")!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>());
        Assert.Contains(image["bom-ref"]!.GetValue<string>(), dependsOn);
    }

    [Fact]
    public void Same_input_gives_the_same_bytes_and_no_timestamp_without_a_commit_time()
    {
        var (first, _, output) = Run(Generated, "mcr.microsoft.com/dotnet/aspnet:10.0", null);
        Assert.True(first.Execute());
        var bytes = File.ReadAllBytes(output);
        File.Delete(output);
        var (second, _, _) = Run(Generated.Replace("0b7b3f5e", "ffffffff", StringComparison.Ordinal), "mcr.microsoft.com/dotnet/aspnet:10.0", null);
        Assert.True(second.Execute());

        Assert.Equal(bytes, File.ReadAllBytes(output));
        Assert.Null(JsonNode.Parse(bytes)!["metadata"]!["timestamp"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"bomFormat":"SPDX"}""")]
    public void Output_that_is_not_a_CycloneDX_document_is_PLAT0252(string generated)
    {
        var (task, engine, output) = Run(generated, null, null);

        Assert.False(task.Execute());
        Assert.Equal(["PLAT0252"], engine.ErrorCodes);
        Assert.False(File.Exists(output));
    }

    private (CompletePlatformSbom Task, RecordingBuildEngine Engine, string Output) Run(string generated, string? baseImage, string? epoch)
    {
        var input = Path.Combine(_directory, "cyclonedx.json");
        File.WriteAllText(input, generated);
        var output = Path.Combine(_directory, "sbom.cdx.json");
        var engine = new RecordingBuildEngine();
        var task = new CompletePlatformSbom
        {
            BuildEngine = engine,
            GeneratedFile = input,
            OutputFile = output,
            BaseImage = baseImage,
            SourceDateEpoch = epoch,
            RuntimeFrameworks = [new TaskItem("Microsoft.NETCore.App", new Dictionary<string, string> { ["Version"] = "10.0.0" })],
        };
        return (task, engine, output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
