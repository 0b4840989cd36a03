namespace Platform.Cli.Tests.Infrastructure;

/// <summary>
/// A feed whose newest Platform.Sdk (1.0.0-u…, after the kit's 1.0.0-t…) was packed with approved base-image pins
/// (PlatformKitBasePins), as a platform team packs its kit: what `platform audit --feed` compares projects' pins with.
/// </summary>
public sealed class PinnedKitFeed
{
    public static readonly string ApprovedAspNet = "sha256:" + new string('b', 64);
    public static readonly string ApprovedRuntime = "sha256:" + new string('c', 64);
    public static readonly string OldAspNet = "sha256:" + new string('a', 64);

    private static readonly Lazy<Task<PinnedKitFeed>> Shared = new(CreateAsync);

    private PinnedKitFeed(string directory, string version)
    {
        Directory = directory;
        Version = version;
    }

    public string Directory { get; }

    public string Version { get; }

    public static string Pins =>
        $"mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@{ApprovedAspNet};mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled@{ApprovedRuntime}";

    public static Task<PinnedKitFeed> GetAsync() => Shared.Value;

    private static async Task<PinnedKitFeed> CreateAsync()
    {
        // After the CLI feed: its pack (same obj folders) must be done, and its lock serialises ours with it.
        var cli = await CliFeed.GetAsync();
        var version = "1.0.0-u" + cli.KitVersion["1.0.0-t".Length..];
        var feed = Path.Combine(RepoPaths.TempRoot, "pinned-feed-" + version);
        var done = Path.Combine(feed, ".complete");
        if (File.Exists(done))
        {
            return new PinnedKitFeed(feed, version);
        }

        await using var gate = await CrossProcessLock.AcquireAsync(Path.Combine(RepoPaths.TempRoot, "cli-feed-" + cli.KitVersion + ".lock"));
        if (File.Exists(done))
        {
            return new PinnedKitFeed(feed, version);
        }

        // Platform.Sdk only (the audit reads that package); the kit was built in Release by KitFeed.
        var project = Path.Combine(RepoPaths.Root, "sdk", "Platform.Sdk", "Platform.Sdk.csproj");
        var result = await ProcessRunner.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", feed, "-p:Version=" + version, "-p:PlatformKitBasePins=\"" + Pins + "\"", "--no-build", "-p:BuildProjectReferences=false", "-nodeReuse:false"], RepoPaths.Root, timeout: TimeSpan.FromMinutes(10));
        if (!result.Succeeded || !File.Exists(Path.Combine(feed, $"Platform.Sdk.{version}.nupkg")))
        {
            throw new InvalidOperationException("Packing the kit with approved base pins failed.\n" + result);
        }

        File.WriteAllText(done, version);
        return new PinnedKitFeed(feed, version);
    }
}
