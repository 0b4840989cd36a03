using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Testing.Containers;

/// <summary>Which Microsoft-like base image to imitate.</summary>
public enum BaseImageFlavor
{
    /// <summary>Like mcr.microsoft.com/dotnet/runtime: Microsoft.NETCore.App only.</summary>
    Runtime,

    /// <summary>Like mcr.microsoft.com/dotnet/aspnet: Microsoft.NETCore.App + Microsoft.AspNetCore.App, ASPNETCORE_HTTP_PORTS=8080.</summary>
    AspNet,
}

/// <summary>An OCI image layout directory and a tag in it (<c>oci:DIR:TAG</c> for skopeo).</summary>
public sealed record OciLayout(string Directory, string Tag)
{
    public string SkopeoReference => $"oci:{Directory}:{Tag}";

    public string UmociReference => $"{Directory}:{Tag}";
}

/// <summary>
/// Builds small stand-ins for Microsoft's chiseled .NET images from this machine's .NET install, with umoci, and pushes
/// them with skopeo. The rootfs holds the shared framework(s) under /usr/share/dotnet (+ /usr/bin/dotnet symlink), the
/// native libraries they link (found with ldd: glibc, libstdc++, libgcc_s, plus libssl/libcrypto/libz when present),
/// CA certificates, /etc/passwd and /etc/group with user and group <c>app</c> = <see cref="AppUid"/>, /app (owned by app),
/// /tmp (1777). Config: User "1654", WorkingDir /app, env APP_UID, DOTNET_RUNNING_IN_CONTAINER, DOTNET_VERSION,
/// DOTNET_SYSTEM_GLOBALIZATION_INVARIANT (no ICU in the image), PATH, and for aspnet ASPNET_VERSION + ASPNETCORE_HTTP_PORTS=8080.
/// No entrypoint, no exposed ports (like Microsoft's images). Built layouts are cached in <see cref="CacheDirectory"/> keyed
/// by flavor, runtime versions and recipe version.
/// </summary>
public sealed class BaseImageBuilder
{
    public const int AppUid = 1654;
    public const string AppUserName = "app";
    public const string HttpPort = "8080";

    /// <summary>Label every base image carries (value: runtime|aspnet), to check label inheritance in derived images.</summary>
    public const string BaseFlavorLabel = "org.platform.testing.base-flavor";

    // Bump when the rootfs/config recipe changes, to invalidate cached layouts.
    private const string RecipeVersion = "1";

    private static readonly string[] s_dlopenedLibraries = ["libssl.so.3", "libcrypto.so.3", "libz.so.1"];
    private static readonly string[] s_libraryDirectories = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"];
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromMinutes(3);

    public BaseImageBuilder(string? dotnetRoot = null, string? cacheDirectory = null)
    {
        DotnetRoot = dotnetRoot ?? ToolAvailability.Current.DotnetRoot
            ?? throw new InvalidOperationException("No .NET install found to build base images from.");
        CacheDirectory = cacheDirectory ?? DefaultCacheDirectory;
        RuntimeVersion = HighestVersion(Path.Combine(DotnetRoot, "shared", "Microsoft.NETCore.App"))
            ?? throw new InvalidOperationException($"No Microsoft.NETCore.App under {DotnetRoot}/shared.");
        AspNetCoreVersion = HighestVersion(Path.Combine(DotnetRoot, "shared", "Microsoft.AspNetCore.App"));
    }

    /// <summary>/tmp/platform-testing-containers (shared by test runs on this machine).</summary>
    public static string DefaultCacheDirectory => Path.Combine(Path.GetTempPath(), "platform-testing-containers");

    public string DotnetRoot { get; }

    public string CacheDirectory { get; }

    /// <summary>Microsoft.NETCore.App version copied into the images, e.g. 10.0.12.</summary>
    public string RuntimeVersion { get; }

    /// <summary>Microsoft.AspNetCore.App version copied into aspnet images; null when the install has none.</summary>
    public string? AspNetCoreVersion { get; }

    /// <summary>Environment variables the base image config sets.</summary>
    public IReadOnlyDictionary<string, string> GetEnvironment(BaseImageFlavor flavor)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["APP_UID"] = AppUid.ToString(CultureInfo.InvariantCulture),
            ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true",
            ["DOTNET_VERSION"] = RuntimeVersion,
        };
        if (flavor == BaseImageFlavor.AspNet)
        {
            env["ASPNET_VERSION"] = AspNetCoreVersion ?? string.Empty;
            env["ASPNETCORE_HTTP_PORTS"] = HttpPort;
        }

        return env;
    }

    /// <summary>Builds the base image into the cache (or reuses a cached build). Do not modify the returned layout; copy it.</summary>
    public async Task<OciLayout> GetOrBuildLayoutAsync(BaseImageFlavor flavor, CancellationToken cancellationToken = default)
    {
        if (flavor == BaseImageFlavor.AspNet && AspNetCoreVersion is null)
        {
            throw new InvalidOperationException($"No Microsoft.AspNetCore.App under {DotnetRoot}/shared: cannot build an aspnet base image.");
        }

        var key = $"{flavor.ToString().ToLowerInvariant()}-{RuntimeVersion}-{AspNetCoreVersion ?? "none"}-r{RecipeVersion}-{ShortHash(DotnetRoot)}";
        var final = Path.Combine(CacheDirectory, key);
        var marker = Path.Combine(final, ".complete");
        if (File.Exists(marker))
        {
            return new OciLayout(final, "latest");
        }

        Directory.CreateDirectory(CacheDirectory);
        await using var fileLock = await FileLock.AcquireAsync(Path.Combine(CacheDirectory, key + ".lock"), cancellationToken).ConfigureAwait(false);
        if (File.Exists(marker))
        {
            return new OciLayout(final, "latest");
        }

        var work = Directory.CreateTempSubdirectory("platform-baseimage-").FullName;
        try
        {
            var layoutDir = Path.Combine(work, "layout");
            var rootfs = Path.Combine(work, "rootfs");
            await CreateRootfsAsync(flavor, rootfs, cancellationToken).ConfigureAwait(false);
            await Umoci(cancellationToken, "init", "--layout", layoutDir).ConfigureAwait(false);
            var image = $"{layoutDir}:latest";
            await Umoci(cancellationToken, "new", "--image", image).ConfigureAwait(false);
            await Umoci(cancellationToken, "insert", "--image", image, "--history.created_by", $"platform-testing: {flavor} rootfs from {DotnetRoot}", rootfs, "/").ConfigureAwait(false);

            var config = new List<string>
            {
                "config", "--image", image,
                "--config.user", AppUid.ToString(CultureInfo.InvariantCulture),
                "--config.workingdir", "/app",
                "--config.label", $"{BaseFlavorLabel}={flavor.ToString().ToLowerInvariant()}",
                "--author", "Platform.Testing.Containers",
                "--history.created_by", "platform-testing: config",
            };
            foreach (var (k, v) in GetEnvironment(flavor))
            {
                config.Add("--config.env");
                config.Add($"{k}={v}");
            }

            await Umoci(cancellationToken, [.. config]).ConfigureAwait(false);
            await Umoci(cancellationToken, "gc", "--layout", layoutDir).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(layoutDir, ".complete"), DateTime.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);

            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }

            Directory.Move(layoutDir, final);
            return new OciLayout(final, "latest");
        }
        finally
        {
            TryDeleteDirectory(work);
        }
    }

    /// <summary>Builds (or reuses) the base image and pushes it as <c>registryHost/repository:tag</c>.</summary>
    public async Task<PushedImage> BuildAndPushAsync(BaseImageFlavor flavor, string registryHost, string repository, string tag, CancellationToken cancellationToken = default)
    {
        var layout = await GetOrBuildLayoutAsync(flavor, cancellationToken).ConfigureAwait(false);
        return await PushAsync(layout, registryHost, repository, tag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="BuildAndPushAsync(BaseImageFlavor, string, string, string, CancellationToken)"/>
    public Task<PushedImage> BuildAndPushAsync(BaseImageFlavor flavor, LocalRegistry registry, string repository, string tag, CancellationToken cancellationToken = default) =>
        BuildAndPushAsync(flavor, registry.Host, repository, tag, cancellationToken);

    /// <summary>
    /// Builds an application image: the base image plus <paramref name="appDirectory"/> copied to /app as one more layer,
    /// with the given entrypoint (e.g. ["dotnet", "/app/App.dll"]), optional exposed ports and labels; pushes it.
    /// This is what `dotnet publish -t:PublishContainer` does, without the SDK (for self-tests of the runner).
    /// </summary>
    public async Task<PushedImage> BuildAppImageAndPushAsync(
        BaseImageFlavor flavor,
        string appDirectory,
        IReadOnlyList<string> entrypoint,
        string registryHost,
        string repository,
        string tag,
        IReadOnlyList<string>? exposedPorts = null,
        IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        var baseLayout = await GetOrBuildLayoutAsync(flavor, cancellationToken).ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("platform-appimage-").FullName;
        try
        {
            var layoutDir = Path.Combine(work, "layout");
            await Run("cp", ["-a", baseLayout.Directory, layoutDir], cancellationToken).ConfigureAwait(false);
            var staging = Path.Combine(work, "app");
            await Run("cp", ["-a", Path.GetFullPath(appDirectory), staging], cancellationToken).ConfigureAwait(false);
            await Run("chmod", ["0755", staging], cancellationToken).ConfigureAwait(false);

            var image = $"{layoutDir}:latest";
            await Umoci(cancellationToken, "insert", "--image", image, "--history.created_by", "platform-testing: app", staging, "/app").ConfigureAwait(false);
            var config = new List<string> { "config", "--image", image, "--history.created_by", "platform-testing: app config" };
            foreach (var e in entrypoint)
            {
                config.Add("--config.entrypoint");
                config.Add(e);
            }

            foreach (var p in exposedPorts ?? [])
            {
                config.Add("--config.exposedports");
                config.Add(p);
            }

            foreach (var (k, v) in labels ?? new Dictionary<string, string>())
            {
                config.Add("--config.label");
                config.Add($"{k}={v}");
            }

            await Umoci(cancellationToken, [.. config]).ConfigureAwait(false);
            return await PushAsync(new OciLayout(layoutDir, "latest"), registryHost, repository, tag, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDeleteDirectory(work);
        }
    }

    /// <summary>
    /// skopeo copy oci:DIR:TAG docker://HOST/REPO:TAG (plain HTTP allowed); returns the pushed manifest digest.
    /// The manifest stays OCI unless <paramref name="dockerV2Format"/> converts it to Docker schema 2 (v2s2).
    /// </summary>
    public static async Task<PushedImage> PushAsync(OciLayout layout, string registryHost, string repository, string tag, CancellationToken cancellationToken = default, bool dockerV2Format = false)
    {
        var skopeo = ToolAvailability.Current.Skopeo ?? throw new InvalidOperationException(ToolAvailability.Current.BuildSkipReason);
        var digestFile = Path.Combine(Path.GetTempPath(), $"platform-digest-{Guid.NewGuid():N}");
        try
        {
            (await ProcessRunner.RunAsync(
                skopeo,
                [
                    "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false", "--digestfile", digestFile,
                    .. (dockerV2Format ? new[] { "--format", "v2s2" } : []),
                    layout.SkopeoReference, $"docker://{registryHost}/{repository}:{tag}",
                ],
                s_toolTimeout,
                cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            var digest = (await File.ReadAllTextAsync(digestFile, cancellationToken).ConfigureAwait(false)).Trim();
            return new PushedImage(registryHost, repository, tag, digest);
        }
        finally
        {
            File.Delete(digestFile);
        }
    }

    /// <summary>Native libraries the rootfs gets: everything ldd reports for the host and framework .so files, plus dlopen'ed ones.</summary>
    public async Task<IReadOnlyList<string>> FindNativeLibrariesAsync(BaseImageFlavor flavor, CancellationToken cancellationToken = default)
    {
        var binaries = new List<string> { Path.Combine(DotnetRoot, "dotnet") };
        foreach (var dir in FrameworkDirectories(flavor).Append(Path.Combine(DotnetRoot, "host", "fxr")))
        {
            binaries.AddRange(Directory.EnumerateFiles(dir, "*.so", SearchOption.AllDirectories));
        }

        foreach (var name in s_dlopenedLibraries)
        {
            var found = s_libraryDirectories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                binaries.Add(found);
            }
        }

        var libs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binary in binaries)
        {
            if (binary.StartsWith('/') && !binary.StartsWith(DotnetRoot, StringComparison.Ordinal))
            {
                libs.Add(binary);
            }

            var ldd = await ProcessRunner.RunAsync("ldd", [binary], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var line in ldd.StandardOutput.Split('\n'))
            {
                var arrow = line.IndexOf("=>", StringComparison.Ordinal);
                var rest = (arrow >= 0 ? line[(arrow + 2)..] : line).Trim();
                var path = rest.Split(' ', 2)[0];
                if (path.StartsWith('/') && !path.StartsWith(DotnetRoot, StringComparison.Ordinal) && File.Exists(path))
                {
                    libs.Add(path);
                }
            }
        }

        return [.. libs];
    }

    private IEnumerable<string> FrameworkDirectories(BaseImageFlavor flavor)
    {
        yield return Path.Combine(DotnetRoot, "shared", "Microsoft.NETCore.App", RuntimeVersion);
        if (flavor == BaseImageFlavor.AspNet)
        {
            yield return Path.Combine(DotnetRoot, "shared", "Microsoft.AspNetCore.App", AspNetCoreVersion!);
        }
    }

    private async Task CreateRootfsAsync(BaseImageFlavor flavor, string rootfs, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        string P(string relative) => Path.Combine(rootfs, relative.TrimStart('/'));
        foreach (var dir in new[] { "", "usr/share/dotnet/shared", "usr/share/dotnet/host", "usr/bin", "etc/ssl/certs", "app", "home/app", "proc", "dev", "sys", "root" })
        {
            Directory.CreateDirectory(P(dir));
        }

        var dotnetInImage = P("usr/share/dotnet");
        await Run("cp", ["-a", Path.Combine(DotnetRoot, "dotnet"), dotnetInImage], cancellationToken).ConfigureAwait(false);
        foreach (var file in new[] { "LICENSE.txt", "ThirdPartyNotices.txt" }.Select(f => Path.Combine(DotnetRoot, f)).Where(File.Exists))
        {
            await Run("cp", ["-a", file, dotnetInImage], cancellationToken).ConfigureAwait(false);
        }

        await Run("cp", ["-a", Path.Combine(DotnetRoot, "host", "fxr"), P("usr/share/dotnet/host")], cancellationToken).ConfigureAwait(false);
        foreach (var framework in FrameworkDirectories(flavor))
        {
            var target = P($"usr/share/dotnet/shared/{Path.GetFileName(Path.GetDirectoryName(framework))}");
            Directory.CreateDirectory(target);
            await Run("cp", ["-a", framework, target], cancellationToken).ConfigureAwait(false);
        }

        File.CreateSymbolicLink(P("usr/bin/dotnet"), "../share/dotnet/dotnet");

        foreach (var lib in await FindNativeLibrariesAsync(flavor, cancellationToken).ConfigureAwait(false))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(P(lib))!);
            await Run("cp", ["-L", "--preserve=mode", lib, P(lib)], cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists("/etc/ssl/certs/ca-certificates.crt"))
        {
            await Run("cp", ["-L", "/etc/ssl/certs/ca-certificates.crt", P("etc/ssl/certs/ca-certificates.crt")], cancellationToken).ConfigureAwait(false);
        }

        var uid = AppUid.ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(P("etc/passwd"), $"root:x:0:0:root:/root:/usr/sbin/nologin\n{AppUserName}:x:{uid}:{uid}::/home/{AppUserName}:/usr/sbin/nologin\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(P("etc/group"), $"root:x:0:\n{AppUserName}:x:{uid}:\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(P("etc/os-release"), "NAME=\"Platform test base\"\nID=debian\nPRETTY_NAME=\"Platform test base image (from the host's .NET install)\"\n", cancellationToken).ConfigureAwait(false);

        // CreateTempSubdirectory makes 0700 directories; the image's / must be traversable by uid 1654.
        await Run("chmod", ["0755", rootfs, P("app"), P("etc"), P("usr")], cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(P("tmp"));
        await Run("chmod", ["1777", P("tmp")], cancellationToken).ConfigureAwait(false);
        await Run("chmod", ["0700", P("root"), P("home/app")], cancellationToken).ConfigureAwait(false);
        await Run("chown", [$"{uid}:{uid}", P("app"), P("home/app")], cancellationToken).ConfigureAwait(false);
        Trace.WriteLine($"rootfs for {flavor} built in {sw.Elapsed.TotalSeconds:F1}s");
    }

    private static async Task Umoci(CancellationToken cancellationToken, params string[] args)
    {
        var umoci = ToolAvailability.Current.Umoci ?? throw new InvalidOperationException(ToolAvailability.Current.BuildSkipReason);
        (await ProcessRunner.RunAsync(umoci, args, s_toolTimeout, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    private static async Task Run(string tool, string[] args, CancellationToken cancellationToken) =>
        (await ProcessRunner.RunAsync(tool, args, s_toolTimeout, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();

    private static string? HighestVersion(string frameworkDir) =>
        Directory.Exists(frameworkDir)
            ? Directory.EnumerateDirectories(frameworkDir)
                .Select(Path.GetFileName)
                .Select(n => (Name: n!, Ok: Version.TryParse(n!.Split('-')[0], out var v), Version: v))
                .Where(x => x.Ok)
                .OrderByDescending(x => x.Version)
                .ThenByDescending(x => x.Name, StringComparer.Ordinal)
                .Select(x => x.Name)
                .FirstOrDefault()
            : null;

    private static string ShortHash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..8];

    public static void TryDeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Exclusive lock file shared by processes (and threads) on this machine.</summary>
internal sealed class FileLock : IAsyncDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
