using System.Security.Cryptography;
using System.Text;

namespace Platform.Sdk.Testing;

/// <summary>
/// The kit, packed once into a temp feed under a prerelease version derived from its sources. A changed source gives
/// a new version, so NuGet's global cache can never serve a stale package; unchanged sources reuse the packed feed,
/// also across the test assemblies that `dotnet test Platform.Sdk.sln` runs in parallel.
/// </summary>
public sealed class KitFeed
{
    private static readonly Lazy<Task<KitFeed>> Shared = new(PackAsync);

    private KitFeed(string directory, string version)
    {
        Directory = directory;
        Version = version;
    }

    /// <summary>Folder holding the .nupkg files.</summary>
    public string Directory { get; }

    /// <summary>The one version every package of the kit was packed with.</summary>
    public string Version { get; }

    public static Task<KitFeed> GetAsync() => Shared.Value;

    private static async Task<KitFeed> PackAsync()
    {
        var version = "1.0.0-t" + HashKitSources();
        var feed = Path.Combine(RepoPaths.TempRoot, "feed-" + version);
        var done = Path.Combine(feed, ".complete");
        if (File.Exists(done))
        {
            return new KitFeed(feed, version);
        }

        // Other test processes may be packing the same version right now: the first one packs, the others wait.
        System.IO.Directory.CreateDirectory(RepoPaths.TempRoot);
        await using var gate = await CrossProcessLock.AcquireAsync(Path.Combine(RepoPaths.TempRoot, "pack-" + version + ".lock"));
        if (File.Exists(done))
        {
            return new KitFeed(feed, version);
        }

        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepoPaths.Root, "sdk", "Platform.Kit.slnf"), "-c", "Release", "-o", feed, "-p:Version=" + version, "-nodeReuse:false"],
            RepoPaths.Root,
            timeout: TimeSpan.FromMinutes(10));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Packing the kit failed.\n" + result);
        }

        File.WriteAllText(done, version);
        return new KitFeed(feed, version);
    }

    /// <summary>Hash of everything that goes into the packages: the kit's sources and the repo-wide build files.</summary>
    private static string HashKitSources()
    {
        var root = RepoPaths.Root;
        var files = new List<string>();
        foreach (var folder in new[] { "sdk", "analyzers", "templates" })
        {
            var path = Path.Combine(root, folder);
            if (System.IO.Directory.Exists(path))
            {
                files.AddRange(System.IO.Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f))));
            }
        }

        files.AddRange(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config" }
            .Select(f => Path.Combine(root, f)).Where(File.Exists));
        files.Sort(StringComparer.Ordinal);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/')));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Any(p => p is "bin" or "obj" or "TestResults");
    }
}
