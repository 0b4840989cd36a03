using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Platform.Testing.Containers;

/// <summary>How to start a container.</summary>
public sealed class ContainerRunOptions
{
    /// <summary>Image reference, e.g. <c>localhost:5123/sample:1.0.0</c> (pulled over plain HTTP).</summary>
    public required string Image { get; init; }

    /// <summary>Extra environment (added to / overriding the image's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Container ports to publish on 127.0.0.1:&lt;free host port&gt; (see <see cref="RunningContainer.GetHostPort"/>).</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>Overrides the image's user (null keeps the image's config.User).</summary>
    public string? User { get; init; }

    /// <summary>Overrides the image's entrypoint (null keeps it).</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Arguments / command (null keeps the image's Cmd).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>More `podman run` options, such as the pod's constraints (<c>--read-only</c>, <c>--cap-drop ALL</c>).</summary>
    public IReadOnlyList<string> RunOptions { get; init; } = [];
}

/// <summary>
/// Runs images with podman (runc, cgroupfs, <c>--network=none</c>) in a private podman store under a temp directory:
/// nothing is written to /var/lib/containers, no bridge, no iptables rules. Published ports are bridged to 127.0.0.1 by
/// <see cref="NetnsPortForwarder"/>, so the container keeps its own ports (8080) and nothing listens beyond loopback.
/// Dispose to remove every container and the store.
/// </summary>
public sealed class ImageRunner : IAsyncDisposable
{
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromMinutes(3);
    private readonly List<RunningContainer> _containers = [];
    private readonly HashSet<string> _pulled = new(StringComparer.Ordinal);
    private int _disposed;

    public ImageRunner()
    {
        var tools = ToolAvailability.Current;
        if (tools.RunSkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        Podman = tools.Podman!;
        Runc = tools.Runc!;
        StorageDirectory = Directory.CreateTempSubdirectory("platform-podman-").FullName;
    }

    public string Podman { get; }

    public string Runc { get; }

    /// <summary>Private podman root/runroot/tmpdir (deleted on dispose).</summary>
    public string StorageDirectory { get; }

    /// <summary>Global podman options every call gets.</summary>
    public IReadOnlyList<string> GlobalArguments =>
    [
        "--root", Path.Combine(StorageDirectory, "root"),
        "--runroot", Path.Combine(StorageDirectory, "run"),
        "--tmpdir", Path.Combine(StorageDirectory, "tmp"),
        "--runtime", Runc,
        "--cgroup-manager=cgroupfs",
        "--events-backend=none",
    ];

    /// <summary>Runs <c>podman GLOBAL-ARGS args…</c>.</summary>
    public Task<ProcessResult> PodmanAsync(IEnumerable<string> args, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(Podman, GlobalArguments.Concat(args), timeout ?? s_toolTimeout, cancellationToken: cancellationToken);

    /// <summary>Pulls an image over plain HTTP (no TLS verification: local registries only).</summary>
    public async Task PullAsync(string image, CancellationToken cancellationToken = default)
    {
        lock (_pulled)
        {
            if (_pulled.Contains(image))
            {
                return;
            }
        }

        (await PodmanAsync(["pull", "--quiet", "--tls-verify=false", image], cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        lock (_pulled)
        {
            _pulled.Add(image);
        }
    }

    /// <summary>Runs a command to completion in a new container (e.g. <c>dotnet --list-runtimes</c>); returns its output.</summary>
    public async Task<ProcessResult> RunToCompletionAsync(ContainerRunOptions options, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await PullAsync(options.Image, cancellationToken).ConfigureAwait(false);
        var args = new List<string> { "run", "--rm" };
        args.AddRange(RunArguments(options));
        return await PodmanAsync(args, timeout ?? TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a long-running container in the background and publishes the requested ports on loopback.</summary>
    public async Task<RunningContainer> StartAsync(ContainerRunOptions options, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await PullAsync(options.Image, cancellationToken).ConfigureAwait(false);
        var name = $"platform-test-{Guid.NewGuid():N}"[..26];
        var args = new List<string> { "run", "--detach", "--name", name };
        args.AddRange(RunArguments(options));
        var started = (await PodmanAsync(args, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var id = started.StandardOutput.Trim().Split('\n')[^1].Trim();

        var inspect = (await PodmanAsync(["inspect", "--format", "{{.State.Pid}}", id], cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var pid = int.Parse(inspect.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        var container = new RunningContainer(this, id, name, pid, options);
        lock (_containers)
        {
            _containers.Add(container);
        }

        if (pid <= 0)
        {
            var logs = await container.GetLogsAsync(cancellationToken).ConfigureAwait(false);
            await container.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Container {name} from {options.Image} exited at once. Logs:\n{logs}");
        }

        foreach (var port in options.Ports)
        {
            container.AddForwarder(NetnsPortForwarder.Start(pid, port));
        }

        return container;
    }

    private static List<string> RunArguments(ContainerRunOptions options)
    {
        var args = new List<string>
        {
            "--pull=never",
            "--network=none",
            // runc here needs explicit, modest limits: podman's defaults (nofile 1048576, nproc = host's) and even the
            // host's own values fail with "error setting rlimits ... operation not permitted". 16384/4096 work.
            "--ulimit", "nofile=" + CappedLimit("Max open files", 16384),
            "--ulimit", "nproc=" + CappedLimit("Max processes", 4096),
        };
        foreach (var (k, v) in options.Environment)
        {
            args.Add("--env");
            args.Add($"{k}={v}");
        }

        if (options.User is not null)
        {
            args.Add("--user");
            args.Add(options.User);
        }

        if (options.Entrypoint is not null)
        {
            args.Add("--entrypoint");
            args.Add(JsonSerializer.Serialize(options.Entrypoint.ToArray()));
        }

        args.AddRange(options.RunOptions);
        args.Add(options.Image);
        if (options.Command is not null)
        {
            args.AddRange(options.Command);
        }

        return args;
    }

    /// <summary>"n:n" with n = min(this process's soft limit from /proc/self/limits, cap).</summary>
    internal static string CappedLimit(string name, long cap)
    {
        var value = cap;
        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var soft = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                if (long.TryParse(soft, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var current))
                {
                    value = Math.Min(current, cap);
                }
            }
        }

        return $"{value}:{value}";
    }

    internal void Forget(RunningContainer container)
    {
        lock (_containers)
        {
            _containers.Remove(container);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        RunningContainer[] containers;
        lock (_containers)
        {
            containers = [.. _containers];
        }

        foreach (var c in containers)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }

        // Removes image layers (and their overlay mounts, if any) before the directory goes.
        await PodmanAsync(["rmi", "--all", "--force"], TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        await ProcessRunner.RunAsync("umount", ["--recursive", "--lazy", Path.Combine(StorageDirectory, "root", "overlay")], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        BaseImageBuilder.TryDeleteDirectory(StorageDirectory);
    }
}

/// <summary>User and group ids of a process, from /proc/&lt;pid&gt;/status.</summary>
public sealed record ProcessIdentity(int RealUid, int EffectiveUid, int RealGid, int EffectiveGid);

/// <summary>A container started by <see cref="ImageRunner.StartAsync"/>. Dispose stops it (by PID) and removes it.</summary>
public sealed class RunningContainer : IAsyncDisposable
{
    private readonly ImageRunner _runner;
    private readonly List<NetnsPortForwarder> _forwarders = [];
    private int _disposed;

    internal RunningContainer(ImageRunner runner, string id, string name, int processId, ContainerRunOptions options)
    {
        _runner = runner;
        ContainerId = id;
        Name = name;
        ProcessId = processId;
        Options = options;
    }

    public string ContainerId { get; }

    public string Name { get; }

    /// <summary>Host PID of the container's main process (the image's entrypoint, e.g. <c>dotnet /app/App.dll</c>).</summary>
    public int ProcessId { get; }

    public ContainerRunOptions Options { get; }

    public bool IsRunning => ProcessKiller.IsAlive(ProcessId);

    internal void AddForwarder(NetnsPortForwarder forwarder) => _forwarders.Add(forwarder);

    /// <summary>The 127.0.0.1 port that reaches <paramref name="containerPort"/> inside the container.</summary>
    public int GetHostPort(int containerPort) =>
        _forwarders.FirstOrDefault(f => f.TargetPort == containerPort)?.HostPort
        ?? throw new InvalidOperationException($"Port {containerPort} was not published; add it to ContainerRunOptions.Ports.");

    /// <summary><c>http://127.0.0.1:HOSTPORT/</c> for a published container port.</summary>
    public Uri GetBaseAddress(int containerPort) => new($"http://127.0.0.1:{GetHostPort(containerPort)}/");

    /// <summary>Uid/gid of the main process, read from /proc/&lt;pid&gt;/status on the host.</summary>
    public ProcessIdentity GetProcessIdentity()
    {
        int[]? uid = null, gid = null;
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                uid = ParseIds(line);
            }
            else if (line.StartsWith("Gid:", StringComparison.Ordinal))
            {
                gid = ParseIds(line);
            }
        }

        if (uid is null || gid is null)
        {
            throw new InvalidOperationException($"No Uid/Gid lines in /proc/{ProcessId}/status.");
        }

        return new ProcessIdentity(uid[0], uid[1], gid[0], gid[1]);

        static int[] ParseIds(string line) =>
            line[4..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>
    /// Polls <c>GET http://127.0.0.1:HOSTPORT/path</c> until it answers with a status <paramref name="accept"/> likes
    /// (default: 2xx); throws with the container's logs when it exits or the timeout passes.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> WaitForHttpAsync(
        int containerPort,
        string path,
        TimeSpan timeout,
        Func<HttpStatusCode, bool>? accept = null,
        CancellationToken cancellationToken = default)
    {
        accept ??= s => (int)s is >= 200 and < 300;
        var url = new Uri(GetBaseAddress(containerPort), path.TrimStart('/'));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
        var sw = Stopwatch.StartNew();
        string last = "no answer";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsRunning)
            {
                throw new InvalidOperationException($"Container {Name} ({Options.Image}) exited while waiting for {url} ({last}). Logs:\n{await GetLogsAsync(cancellationToken).ConfigureAwait(false)}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = true;
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (accept(response.StatusCode))
                {
                    return (response.StatusCode, body);
                }

                last = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex.GetBaseException().Message;
            }

            if (sw.Elapsed > timeout)
            {
                throw new TimeoutException($"{url} (container {Name}, {Options.Image}) did not answer as expected within {timeout}: {last}. Logs:\n{await GetLogsAsync(cancellationToken).ConfigureAwait(false)}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>stdout+stderr of the container so far.</summary>
    public async Task<string> GetLogsAsync(CancellationToken cancellationToken = default)
    {
        var r = await _runner.PodmanAsync(["logs", ContainerId], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return r.StandardOutput + r.StandardError;
    }

    /// <summary>Stops the main process by PID (SIGTERM, then SIGKILL after <paramref name="grace"/>); true when it exited on SIGTERM.</summary>
    public async Task<bool> StopAsync(TimeSpan? grace = null)
    {
        foreach (var f in _forwarders)
        {
            await f.DisposeAsync().ConfigureAwait(false);
        }

        return !await ProcessKiller.StopAsync(ProcessId, grace ?? TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        await _runner.PodmanAsync(["rm", "--force", "--time", "1", ContainerId], TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        _runner.Forget(this);
    }
}
