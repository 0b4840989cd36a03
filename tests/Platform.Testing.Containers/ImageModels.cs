using System.Text.Json.Nodes;

namespace Platform.Testing.Containers;

/// <summary>Media types seen on the wire (registry HTTP API, OCI layouts).</summary>
public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>Accept header value for manifest GETs: single-image manifests and indexes of both families.</summary>
    public const string ManifestAccept = OciManifest + ", " + DockerManifest + ", " + OciIndex + ", " + DockerManifestList;

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;
}

/// <summary>A layer or config descriptor in a manifest.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size);

/// <summary>
/// A manifest as served by the registry. <see cref="MediaType"/> is the response Content-Type;
/// <see cref="Digest"/> is the Docker-Content-Digest header. For an index, <see cref="Config"/> is null and
/// <see cref="Manifests"/> lists the per-platform entries.
/// </summary>
public sealed record RegistryManifest(
    string MediaType,
    string Digest,
    Descriptor? Config,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<(Descriptor Descriptor, string? Os, string? Architecture)> Manifests,
    JsonObject Json,
    string RawText)
{
    public bool IsIndex => MediaTypes.IsIndex(MediaType);
}

/// <summary>
/// The parts of an image config JSON (OCI image config / Docker image v1 config) that the e2e tests assert on.
/// Everything that <c>docker inspect</c> calls Config lives under the top-level "config" object of the blob:
/// <c>config.User</c>, <c>config.Entrypoint</c>, <c>config.Cmd</c>, <c>config.WorkingDir</c>, <c>config.Env</c> (array of "K=V"),
/// <c>config.ExposedPorts</c> (object keyed "8080/tcp"), <c>config.Labels</c> (object).
/// </summary>
public sealed record ImageConfig(
    string? User,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyList<string>? Cmd,
    string? WorkingDir,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyDictionary<string, string> Labels,
    string? Os,
    string? Architecture,
    IReadOnlyList<string> DiffIds,
    JsonObject Json)
{
    public static ImageConfig Parse(JsonObject json)
    {
        var config = json["config"] as JsonObject ?? json["Config"] as JsonObject ?? new JsonObject();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config["Env"] is JsonArray envArray)
        {
            foreach (var item in envArray)
            {
                var s = item?.GetValue<string>() ?? string.Empty;
                var eq = s.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    env[s[..eq]] = s[(eq + 1)..];
                }
                else if (s.Length > 0)
                {
                    env[s] = string.Empty;
                }
            }
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config["Labels"] is JsonObject labelObject)
        {
            foreach (var (k, v) in labelObject)
            {
                labels[k] = v?.GetValue<string>() ?? string.Empty;
            }
        }

        var ports = config["ExposedPorts"] is JsonObject portObject ? portObject.Select(p => p.Key).ToList() : [];
        var diffIds = json["rootfs"]?["diff_ids"] is JsonArray d ? d.Select(x => x!.GetValue<string>()).ToList() : [];

        return new ImageConfig(
            NullIfEmpty(config["User"]?.GetValue<string>()),
            StringList(config["Entrypoint"]),
            StringList(config["Cmd"]),
            NullIfEmpty(config["WorkingDir"]?.GetValue<string>()),
            env,
            ports,
            labels,
            json["os"]?.GetValue<string>(),
            json["architecture"]?.GetValue<string>(),
            diffIds,
            json);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static IReadOnlyList<string>? StringList(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? string.Empty).ToList() : null;
}

/// <summary>An image pushed to a registry: <c>host/repository:tag</c> plus its manifest digest.</summary>
public sealed record PushedImage(string RegistryHost, string Repository, string Tag, string Digest)
{
    /// <summary><c>localhost:PORT/repo:tag</c>, as podman, skopeo and the SDK's ContainerBaseImage spell it.</summary>
    public string Reference => $"{RegistryHost}/{Repository}:{Tag}";

    /// <summary><c>localhost:PORT/repo@sha256:…</c>.</summary>
    public string DigestReference => $"{RegistryHost}/{Repository}@{Digest}";

    public override string ToString() => $"{Reference} ({Digest})";
}

/// <summary>One entry of a layer tarball. <see cref="Mode"/> is the permission bits (e.g. 0755 octal = 493).</summary>
public sealed record LayerEntry(string Name, int Uid, int Gid, int Mode, string Type, long Length, string? LinkName)
{
    /// <summary>The path without leading "./" or "/" (layers written by different tools differ there).</summary>
    public string NormalizedName => Name.TrimStart('.').TrimStart('/').TrimEnd('/');
}
