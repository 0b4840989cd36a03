using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Testing.Containers;

/// <summary>
/// A throw-away Docker Distribution registry (Debian's <c>docker-registry</c>) on 127.0.0.1:&lt;free port&gt; with
/// filesystem storage in a temp directory, no auth, plain HTTP. <see cref="Host"/> is <c>localhost:PORT</c>, which the
/// .NET SDK container tooling always treats as an insecure (HTTP-allowed) registry; <c>127.0.0.1:PORT</c> is not,
/// unless listed in DOTNET_CONTAINER_INSECURE_REGISTRIES.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _directory;
    private int _disposed;

    private LocalRegistry(Process process, StringBuilder log, string directory, int port)
    {
        _process = process;
        _log = log;
        _directory = directory;
        Port = port;
        ProcessId = process.Id;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = true })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public int Port { get; }

    /// <summary>Registry host as image references spell it: <c>localhost:PORT</c> (insecure by the SDK's rule).</summary>
    public string Host => $"localhost:{Port}";

    /// <summary>Plain HTTP base address on the IPv4 loopback.</summary>
    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>PID of the docker-registry process.</summary>
    public int ProcessId { get; }

    /// <summary>Directory holding the registry's config and storage (deleted on dispose).</summary>
    public string Directory => _directory;

    /// <summary>Client bound to <see cref="BaseAddress"/>; use for raw API calls.</summary>
    public HttpClient Http { get; }

    /// <summary>What the registry has printed so far (stdout and stderr, access log included).</summary>
    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public static async Task<LocalRegistry> StartAsync(TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        var binary = ToolAvailability.Current.Registry
            ?? throw new InvalidOperationException(ToolAvailability.Current.RegistrySkipReason);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dir = System.IO.Directory.CreateTempSubdirectory("platform-registry-").FullName;
            var port = LoopbackPort.Free();
            var configPath = Path.Combine(dir, "config.yml");
            await File.WriteAllTextAsync(configPath, $"""
                version: 0.1
                log:
                  level: info
                  accesslog:
                    disabled: false
                storage:
                  filesystem:
                    rootdirectory: {Path.Combine(dir, "data")}
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:{port}
                  secret: platform-testing-{Guid.NewGuid():N}
                """, cancellationToken).ConfigureAwait(false);

            var psi = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = dir,
            };
            psi.ArgumentList.Add("serve");
            psi.ArgumentList.Add(configPath);
            // The Debian package reads REGISTRY_* env overrides; make sure none leak in from the caller.
            foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("REGISTRY_", StringComparison.Ordinal)).ToList())
            {
                psi.Environment.Remove(key);
            }

            var log = new StringBuilder();
            var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Append(log, e.Data);
            process.ErrorDataReceived += (_, e) => Append(log, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var registry = new LocalRegistry(process, log, dir, port);
            try
            {
                await registry.WaitUntilReadyAsync(startTimeout ?? TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
                return registry;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = ex;
                await registry.DisposeAsync().ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException("docker-registry did not start after 3 attempts.", last);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await Http.GetAsync("v2/", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (sw.Elapsed > timeout)
            {
                throw new TimeoutException($"docker-registry on 127.0.0.1:{Port} did not answer GET /v2/ within {timeout}:\n{Log}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GET /v2/ status (200 when healthy).</summary>
    public async Task<HttpStatusCode> PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync("v2/", cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>
    /// GET /v2/&lt;repo&gt;/manifests/&lt;reference&gt; accepting OCI and Docker v2 manifests and indexes.
    /// Returns null on 404.
    /// </summary>
    public async Task<RegistryManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{reference}");
        foreach (var accept in MediaTypes.ManifestAccept.Split(", "))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = JsonNode.Parse(text)!.AsObject();
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? json["mediaType"]?.GetValue<string>() ?? string.Empty;
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : Sha256Digest(text);

        var layers = json["layers"] is JsonArray l ? l.Select(x => ToDescriptor(x!)).ToList() : [];
        var manifests = json["manifests"] is JsonArray m
            ? m.Select(x => (ToDescriptor(x!), x!["platform"]?["os"]?.GetValue<string>(), x["platform"]?["architecture"]?.GetValue<string>())).ToList()
            : [];
        var config = json["config"] is JsonNode c ? ToDescriptor(c) : null;
        return new RegistryManifest(mediaType, digest, config, layers, manifests, json, text);
    }

    /// <summary>
    /// Like <see cref="GetManifestAsync"/> but resolves an index / manifest list to its linux/&lt;architecture&gt; image manifest.
    /// Throws when the tag does not exist.
    /// </summary>
    public async Task<RegistryManifest> GetImageManifestAsync(string repository, string reference, string architecture = "amd64", CancellationToken cancellationToken = default)
    {
        var manifest = await GetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{Host}/{repository}:{reference} not found in the registry. Tags: [{string.Join(", ", await ListTagsAsync(repository, cancellationToken).ConfigureAwait(false))}]");
        if (!manifest.IsIndex)
        {
            return manifest;
        }

        var entry = manifest.Manifests.FirstOrDefault(x => x.Os == "linux" && x.Architecture == architecture);
        if (entry.Descriptor is null)
        {
            throw new InvalidOperationException($"{Host}/{repository}:{reference} is an index without a linux/{architecture} entry.");
        }

        return (await GetManifestAsync(repository, entry.Descriptor.Digest, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The image config blob (user, entrypoint, env, exposed ports, labels…) of repo:tag.</summary>
    public async Task<ImageConfig> GetConfigAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var manifest = await GetImageManifestAsync(repository, reference, cancellationToken: cancellationToken).ConfigureAwait(false);
        var json = await GetBlobJsonAsync(repository, manifest.Config!.Digest, cancellationToken).ConfigureAwait(false);
        return ImageConfig.Parse(json);
    }

    /// <summary>GET /v2/&lt;repo&gt;/blobs/&lt;digest&gt; parsed as JSON.</summary>
    public async Task<JsonObject> GetBlobJsonAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"v2/{repository}/blobs/{digest}", cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// Entries of a gzip'ed tar layer blob (path as stored, e.g. "app/App.dll" as the SDK writes it; uid/gid; mode; type).
    /// </summary>
    public async Task<IReadOnlyList<LayerEntry>> GetLayerEntriesAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"v2/{repository}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        await using var tar = new System.Formats.Tar.TarReader(gzip);
        var entries = new List<LayerEntry>();
        while (true)
        {
            System.Formats.Tar.TarEntry? entry;
            try
            {
                entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException) when (entries.Count > 0)
            {
                // umoci's layers end without the last entry's block padding / end-of-archive blocks; TarReader wants them.
                break;
            }

            if (entry is null)
            {
                break;
            }

            entries.Add(new LayerEntry(entry.Name, entry.Uid, entry.Gid, (int)entry.Mode, entry.EntryType.ToString(), entry.Length, entry.LinkName));
        }

        return entries;
    }

    /// <summary>GET /v2/&lt;repo&gt;/tags/list; an empty list when the repository does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"v2/{repository}/tags/list", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return json?["tags"] is JsonArray tags ? tags.Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>GET /v2/_catalog: every repository in the registry.</summary>
    public async Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync("v2/_catalog?n=1000", cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return json?["repositories"] is JsonArray repos ? repos.Select(t => t!.GetValue<string>()).ToList() : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Http.Dispose();
        await ProcessKiller.StopAsync(ProcessId, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Descriptor ToDescriptor(JsonNode node) =>
        new(node["mediaType"]?.GetValue<string>() ?? string.Empty, node["digest"]!.GetValue<string>(), node["size"]?.GetValue<long>() ?? 0);

    private static string Sha256Digest(string text) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} -> {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.Length < 1_000_000)
            {
                log.AppendLine(line);
            }
        }
    }
}
