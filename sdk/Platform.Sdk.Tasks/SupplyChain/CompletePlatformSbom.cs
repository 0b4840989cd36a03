using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.SupplyChain;

/// <summary>
/// Completes the CycloneDX SBOM the CycloneDX tool wrote for a service's NuGet graph (docs/supply-chain.md): adds what
/// the tool cannot see (the .NET shared frameworks the app runs on, the base image it ships on), and makes the file a
/// function of its inputs only: no random serial number, the commit's time rather than the clock's, components in a
/// stable order. Reports PLAT0252 (never throws) when the generated file is missing or is not a CycloneDX JSON BOM.
/// </summary>
public sealed class CompletePlatformSbom : Microsoft.Build.Utilities.Task
{
    /// <summary>The file the CycloneDX tool wrote.</summary>
    [Required]
    public string GeneratedFile { get; set; } = string.Empty;

    /// <summary>Where to write the completed SBOM.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The RuntimeFramework items (Identity = framework name, Version = the version runtimeconfig.json asks for).</summary>
    public ITaskItem[] RuntimeFrameworks { get; set; } = [];

    /// <summary>The base image reference (ContainerBaseImage): registry/repository[:tag][@sha256:…]; empty for none.</summary>
    public string? BaseImage { get; set; }

    /// <summary>Seconds since the Unix epoch for metadata.timestamp (the commit's time); empty leaves the timestamp out.</summary>
    public string? SourceDateEpoch { get; set; }

    public override bool Execute()
    {
        JsonObject bom;
        try
        {
            bom = JsonNode.Parse(File.ReadAllText(GeneratedFile)) as JsonObject
                ?? throw new JsonException("the document is not a JSON object");
            if (bom["bomFormat"]?.GetValue<string>() != "CycloneDX")
            {
                throw new JsonException("bomFormat is not CycloneDX");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            Log.LogError(null, "PLAT0252", null, null, 0, 0, 0, 0,
                "The SBOM generator did not produce a CycloneDX JSON document at '{0}' ({1}). Nothing was published. Check the generator's output above; set PlatformSbomGeneratorPath back to its default (remove it) if you changed it.",
                GeneratedFile, ex.Message);
            return false;
        }

        bom.Remove("serialNumber");
        var metadata = bom["metadata"] as JsonObject ?? new JsonObject();
        bom["metadata"] = metadata;
        metadata.Remove("timestamp");
        if (long.TryParse(SourceDateEpoch, out var seconds))
        {
            var timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            metadata["timestamp"] = timestamp;
        }

        var components = bom["components"] as JsonArray ?? [];
        var added = new List<string>();
        foreach (var framework in RuntimeFrameworks)
        {
            var version = framework.GetMetadata("Version");
            var reference = $"pkg:generic/dotnet/{framework.ItemSpec}@{version}";
            added.Add(reference);
            components.Add(new JsonObject
            {
                ["type"] = "framework",
                ["bom-ref"] = reference,
                ["publisher"] = "Microsoft",
                ["name"] = framework.ItemSpec,
                ["version"] = version,
                ["description"] = "The .NET shared framework the service runs on (the version it requires; the exact build is the base image's).",
                ["scope"] = "required",
                ["purl"] = reference,
            });
        }

        if (ParseImage(BaseImage) is { } image)
        {
            added.Add(image.Purl);
            var component = new JsonObject
            {
                ["type"] = "container",
                ["bom-ref"] = image.Purl,
                ["name"] = image.Repository,
                ["version"] = image.Digest ?? image.Tag ?? "latest",
                ["description"] = "Base image: " + BaseImage,
                ["scope"] = "required",
                ["purl"] = image.Purl,
            };
            if (image.Digest is not null)
            {
                component["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-256", ["content"] = image.Digest["sha256:".Length..] });
            }

            components.Add(component);
        }

        bom["components"] = new JsonArray(components
            .Select(c => c!.DeepClone())
            .OrderBy(c => c["bom-ref"]?.GetValue<string>() ?? c["name"]?.GetValue<string>(), StringComparer.Ordinal)
            .ToArray());

        // The service depends on the frameworks and the base image, as it does on its direct packages.
        var root = metadata["component"]?["bom-ref"]?.GetValue<string>();
        if (root is not null && added.Count > 0)
        {
            var dependencies = bom["dependencies"] as JsonArray ?? [];
            bom["dependencies"] = dependencies;
            var entry = dependencies.FirstOrDefault(d => d?["ref"]?.GetValue<string>() == root) as JsonObject;
            if (entry is null)
            {
                entry = new JsonObject { ["ref"] = root };
                dependencies.Add(entry);
            }

            var dependsOn = entry["dependsOn"] as JsonArray ?? [];
            entry["dependsOn"] = dependsOn;
            foreach (var reference in added.Where(r => !dependsOn.Any(d => d?.GetValue<string>() == r)))
            {
                dependsOn.Add(reference);
            }

            foreach (var reference in added.Where(r => !dependencies.Any(d => d?["ref"]?.GetValue<string>() == r)))
            {
                dependencies.Add(new JsonObject { ["ref"] = reference, ["dependsOn"] = new JsonArray() });
            }
        }

        var json = bom.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!);
        var bytes = new UTF8Encoding(false).GetBytes(json.ReplaceLineEndings("\n") + "\n");
        // Unchanged content keeps the file's time, so incremental publishes do not copy it again.
        if (!File.Exists(OutputFile) || !File.ReadAllBytes(OutputFile).AsSpan().SequenceEqual(bytes))
        {
            File.WriteAllBytes(OutputFile, bytes);
        }

        return true;
    }

    /// <summary>registry/path/name[:tag][@sha256:…] as a package URL (purl-spec, type oci); null for an empty reference.</summary>
    internal static (string Repository, string? Tag, string? Digest, string Purl)? ParseImage(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var value = reference.Trim();
        string? digest = null;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = value[(at + 1)..];
            value = value[..at];
        }

        string? tag = null;
        var colon = value.LastIndexOf(':');
        if (colon > value.LastIndexOf('/'))
        {
            tag = value[(colon + 1)..];
            value = value[..colon];
        }

        var name = value[(value.LastIndexOf('/') + 1)..];
        var qualifiers = new List<string> { "repository_url=" + Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal) };
        if (tag is not null)
        {
            qualifiers.Add("tag=" + Uri.EscapeDataString(tag));
        }

        var purl = "pkg:oci/" + name.ToLowerInvariant() + (digest is null ? string.Empty : "@" + digest.Replace(":", "%3A", StringComparison.Ordinal)) + "?" + string.Join("&", qualifiers);
        return (value, tag, digest, purl);
    }
}
