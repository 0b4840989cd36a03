namespace Platform.Cli.Tests.Infrastructure;

/// <summary>
/// A feed with two kit versions: the packed kit (<see cref="KitFeed"/>) and an OLDER one packed from the same sources
/// under a genuinely different, lower version (1.0.0-s… sorts before 1.0.0-t…: NuGet compares prerelease labels
/// ordinally). Cached per kit version like the kit feed itself.
/// </summary>
public sealed class CliFeed
{
    private static readonly Lazy<Task<CliFeed>> Shared = new(CreateAsync);

    private CliFeed(string directory, string kitVersion, string oldVersion)
    {
        Directory = directory;
        KitVersion = kitVersion;
        OldVersion = oldVersion;
    }

    public string Directory { get; }

    /// <summary>The newest kit version in the feed.</summary>
    public string KitVersion { get; }

    /// <summary>An older kit version in the same feed.</summary>
    public string OldVersion { get; }

    public static Task<CliFeed> GetAsync() => Shared.Value;

    private static async Task<CliFeed> CreateAsync()
    {
        var kit = await KitFeed.GetAsync();
        var oldVersion = "1.0.0-s" + kit.Version["1.0.0-t".Length..];
        var feed = Path.Combine(RepoPaths.TempRoot, "cli-feed-" + kit.Version);
        var done = Path.Combine(feed, ".complete");
        if (File.Exists(done))
        {
            return new CliFeed(feed, kit.Version, oldVersion);
        }

        await using var gate = await CrossProcessLock.AcquireAsync(Path.Combine(RepoPaths.TempRoot, "cli-feed-" + kit.Version + ".lock"));
        if (File.Exists(done))
        {
            return new CliFeed(feed, kit.Version, oldVersion);
        }

        System.IO.Directory.CreateDirectory(feed);
        foreach (var package in System.IO.Directory.EnumerateFiles(kit.Directory, "*.nupkg"))
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)), overwrite: true);
        }

        // The kit was just built in Release by KitFeed: packing again without building only changes the version.
        var slnf = Path.Combine(RepoPaths.Root, "sdk", "Platform.Kit.slnf");
        var result = await ProcessRunner.RunAsync("dotnet", ["pack", slnf, "-c", "Release", "-o", feed, "-p:Version=" + oldVersion, "--no-build", "-nodeReuse:false"], RepoPaths.Root, timeout: TimeSpan.FromMinutes(10));
        if (!result.Succeeded)
        {
            result = await ProcessRunner.RunAsync("dotnet", ["pack", slnf, "-c", "Release", "-o", feed, "-p:Version=" + oldVersion, "-nodeReuse:false"], RepoPaths.Root, timeout: TimeSpan.FromMinutes(10));
        }

        if (!result.Succeeded || !File.Exists(Path.Combine(feed, $"Platform.Sdk.{oldVersion}.nupkg")))
        {
            throw new InvalidOperationException("Packing the older kit version failed.\n" + result);
        }

        File.WriteAllText(done, oldVersion);
        return new CliFeed(feed, kit.Version, oldVersion);
    }
}
