using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.SupplyChain;

/// <summary>
/// Before a digest-pinned base image (<c>name:tag@sha256:…</c>) is used, asks its registry what the tag resolves to.
/// The pin must be that digest, or one of the per-platform manifests of that index: otherwise the base is not the
/// approved one (PLAT0253), and nothing is built or pushed. A registry that cannot be asked (network, credentials) is
/// PLAT0254, a warning: the Microsoft SDK then pulls by the pinned digest, which the registry cannot substitute.
/// </summary>
public sealed class VerifyPlatformBaseImagePin : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly CancellationTokenSource _cancel = new();

    /// <summary>ContainerBaseImage: registry/repository:tag@sha256:….</summary>
    [Required]
    public string BaseImage { get; set; } = string.Empty;

    /// <summary>Registries reached over plain HTTP besides localhost (DOTNET_CONTAINER_INSECURE_REGISTRIES, comma-separated).</summary>
    public string? InsecureRegistries { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The digest the tag resolves to (output).</summary>
    [Output]
    public string? ResolvedDigest { get; set; }

    public void Cancel() => _cancel.Cancel();

    public override bool Execute()
    {
        var reference = ImageReference.Parse(BaseImage);
        if (reference is not { Digest: not null, Tag: not null })
        {
            return true;
        }

        // Once per build: a multi-RID publish and ComputeContainerConfig run this target again for the same pin.
        var key = typeof(VerifyPlatformBaseImagePin).FullName + ":" + BaseImage;
        if (BuildEngine4?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is string verified)
        {
            ResolvedDigest = verified;
            return true;
        }

        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true }) { Timeout = TimeSpan.FromSeconds(TimeoutSeconds) };
            var baseUri = new Uri($"{(IsInsecure(reference.Registry) ? "http" : "https")}://{reference.Registry}/v2/{reference.Repository}/manifests/");
            var (digest, index) = GetAsync(http, new Uri(baseUri, reference.Tag)).GetAwaiter().GetResult();
            ResolvedDigest = digest;
            var platformDigests = index?["manifests"] is JsonArray manifests
                ? manifests.Select(m => m?["digest"]?.GetValue<string>()).Where(d => d is not null).ToList()
                : [];
            if (string.Equals(digest, reference.Digest, StringComparison.Ordinal) || platformDigests.Contains(reference.Digest))
            {
                BuildEngine4?.RegisterTaskObject(key, digest, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
                return true;
            }

            Log.LogError(null, "PLAT0253", null, null, 0, 0, 0, 0,
                "The base image '{0}' is pinned to {1}, but {2}:{3} resolves to {4}: it is not the approved base, so nothing was built or pushed. If the platform team approved the new base, update the pin in PlatformContainerBaseImages (or ContainerBaseImage) to {4}; otherwise check that the registry or mirror serves the images it should.",
                BaseImage, reference.Digest, reference.Registry + "/" + reference.Repository, reference.Tag, digest);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException or UriFormatException)
        {
            Log.LogWarning(null, "PLAT0254", null, null, 0, 0, 0, 0,
                "Could not ask the registry what '{0}' resolves to ({1}); the pin is not verified for this publish. The image is still pulled by its pinned digest. Set PlatformContainerVerifyBasePin=false where the registry needs credentials the build does not have.",
                BaseImage, ex.Message);
            return true;
        }
    }

    private bool IsInsecure(string registry)
    {
        var host = registry.Split(':')[0];
        return host is "localhost" or "127.0.0.1" or "[::1]"
            || (InsecureRegistries ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(registry, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>GET the manifest (anonymous bearer token when the registry asks for one): its digest, and the document when it is an index.</summary>
    private async Task<(string Digest, JsonNode? Index)> GetAsync(HttpClient http, Uri uri)
    {
        using var response = await SendAsync(http, uri, token: null).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Bearer") is { Parameter: { } challenge })
        {
            var token = await GetAnonymousTokenAsync(http, challenge).ConfigureAwait(false);
            using var retried = await SendAsync(http, uri, token).ConfigureAwait(false);
            return await ReadAsync(retried).ConfigureAwait(false);
        }

        return await ReadAsync(response).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri uri, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var type in ManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, _cancel.Token).ConfigureAwait(false);
    }

    private async Task<(string Digest, JsonNode? Index)> ReadAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(_cancel.Token).ConfigureAwait(false);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            ? values.First()
            : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var document = JsonNode.Parse(bytes);
        return (digest, document?["manifests"] is JsonArray ? document : null);
    }

    private async Task<string> GetAnonymousTokenAsync(HttpClient http, string challenge)
    {
        var parameters = challenge.Split(',')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'), StringComparer.OrdinalIgnoreCase);
        var realm = parameters.GetValueOrDefault("realm") ?? throw new InvalidOperationException("the registry's Bearer challenge has no realm");
        var query = string.Join("&", parameters.Where(p => p.Key is "service" or "scope").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var json = JsonNode.Parse(await http.GetStringAsync(new Uri(query.Length == 0 ? realm : realm + "?" + query), _cancel.Token).ConfigureAwait(false));
        return json?["token"]?.GetValue<string>() ?? json?["access_token"]?.GetValue<string>()
            ?? throw new InvalidOperationException("the registry's token endpoint returned no token");
    }
}

/// <summary>registry/repository[:tag][@digest], with Docker Hub's implicit registry and library/ namespace.</summary>
internal sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public static ImageReference? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var rest = value.Trim();
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : rest[..slash];
        if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
        {
            return new ImageReference(first, rest[(slash + 1)..], tag, digest);
        }

        return new ImageReference("registry-1.docker.io", slash < 0 ? "library/" + rest : rest, tag, digest);
    }
}
