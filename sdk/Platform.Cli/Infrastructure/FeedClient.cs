using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace Platform.Cli.Infrastructure;

/// <summary>What the feed offers: every version of the kit's packages, per source, and what went wrong reading it.</summary>
public sealed record FeedSnapshot(IReadOnlyList<string> Sources, IReadOnlyDictionary<string, IReadOnlyList<string>> Versions, IReadOnlyList<string> Errors)
{
    public IReadOnlyList<string> VersionsOf(string packageId) =>
        Versions.TryGetValue(packageId, out var versions) ? versions : [];

    public bool Reachable => Sources.Count > 0 && Errors.Count < Sources.Count;
}

/// <summary>
/// Lists versions of the kit's packages: from <c>--feed</c> (URL or folder), else from the repo's NuGet.config sources
/// (only the ones packageSourceMapping allows for Platform.* when mapping is on). Local folders and V2/V3 feeds go
/// through NuGet.Protocol's FindPackageByIdResource. Only call after <see cref="MSBuildHost.EnsureRegistered"/>.
/// </summary>
public static class FeedClient
{
    public const string SdkPackageId = "Platform.Sdk";
    public const string TemplatesPackageId = "Platform.Templates";

    public static async Task<FeedSnapshot> ReadAsync(string repoRoot, string? feed, IReadOnlyList<string> packageIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<PackageSource> sources;
        var errors = new List<string>();
        try
        {
            sources = feed is not null ? [new PackageSource(ToSourcePath(feed), "--feed")] : ConfiguredSources(repoRoot, packageIds[0]);
        }
        catch (Exception ex) when (ex is NuGetConfigurationException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return new FeedSnapshot([], new Dictionary<string, IReadOnlyList<string>>(), ["Reading NuGet.config failed: " + ex.Message]);
        }

        var versions = packageIds.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        foreach (var source in sources)
        {
            if (source.IsLocal && !Directory.Exists(source.Source))
            {
                errors.Add($"Feed folder '{source.Source}' ({source.Name}) does not exist.");
                continue;
            }

            try
            {
                using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeoutSource.CancelAfter(timeout);
                var repository = Repository.Factory.GetCoreV3(source);
                var resource = await repository.GetResourceAsync<FindPackageByIdResource>(timeoutSource.Token);
                foreach (var id in packageIds)
                {
                    var found = await resource.GetAllVersionsAsync(id, cache, NullLogger.Instance, timeoutSource.Token);
                    foreach (var version in found ?? [])
                    {
                        versions[id].Add(version.ToNormalizedString());
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                errors.Add($"Feed '{source.Source}' ({source.Name}) did not answer within {timeout.TotalSeconds:0} s.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                errors.Add($"Feed '{source.Source}' ({source.Name}) could not be read: {FirstLine(ex)}");
            }
        }

        return new FeedSnapshot(
            sources.Select(s => s.Source).ToList(),
            versions.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.OrderBy(v => v, Comparer<string>.Create(KitVersions.Compare)).ToList(), StringComparer.OrdinalIgnoreCase),
            errors);
    }

    /// <summary>
    /// Downloads one version of a package (from <c>--feed</c>, else the repo's NuGet.config sources for it) into
    /// <paramref name="folder"/> and returns the .nupkg path. A version no source has is PLAT0472 (exit 19); a feed that
    /// cannot be read is PLAT0476 (exit 7).
    /// </summary>
    public static async Task<string> DownloadAsync(string repoRoot, string? feed, string packageId, string version, string folder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<PackageSource> sources;
        try
        {
            sources = feed is not null ? [new PackageSource(ToSourcePath(feed), "--feed")] : ConfiguredSources(repoRoot, packageId);
        }
        catch (Exception ex) when (ex is NuGetConfigurationException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.FeedUnavailable, $"PLAT0476: reading NuGet.config failed: {ex.Message} Fix it, or pass --feed <url-or-folder>; nothing was changed.");
        }

        var errors = new List<string>();
        var target = Path.Combine(folder, $"{packageId}.{version}.nupkg");
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        foreach (var source in sources)
        {
            if (source.IsLocal && !Directory.Exists(source.Source))
            {
                errors.Add($"folder '{source.Source}' does not exist");
                continue;
            }

            try
            {
                using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeoutSource.CancelAfter(timeout);
                var resource = await Repository.Factory.GetCoreV3(source).GetResourceAsync<FindPackageByIdResource>(timeoutSource.Token);
                await using var stream = File.Create(target);
                if (await resource.CopyNupkgToStreamAsync(packageId, NuGet.Versioning.NuGetVersion.Parse(version), stream, cache, NullLogger.Instance, timeoutSource.Token))
                {
                    return target;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                errors.Add($"'{source.Source}' did not answer within {timeout.TotalSeconds:0} s");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                errors.Add($"'{source.Source}': {FirstLine(ex)}");
            }
        }

        File.Delete(target);
        throw errors.Count == sources.Count && errors.Count > 0
            ? new CliException(ExitCodes.FeedUnavailable, $"PLAT0476: the feed could not be read ({string.Join("; ", errors)}). Check the network and NuGet.config (`platform doctor`), or pass --feed <url-or-folder>; nothing was changed.")
            : new CliException(ExitCodes.TemplateUnavailable, $"PLAT0472: {packageId} {version} is not in the feed ({string.Join(", ", sources.Select(s => s.Source))}). " +
                "Pick a version the feed has (--template-version), or ask the platform team to restore it; nothing was changed.");
    }

    private static List<PackageSource> ConfiguredSources(string repoRoot, string packageId)
    {
        var settings = Settings.LoadDefaultSettings(repoRoot);
        var sources = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled).ToList();
        var mapping = PackageSourceMapping.GetPackageSourceMapping(settings);
        if (mapping.IsEnabled)
        {
            var allowed = mapping.GetConfiguredPackageSources(packageId);
            sources = sources.Where(s => allowed.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        }

        return sources;
    }

    private static string ToSourcePath(string feed) =>
        Uri.TryCreate(feed, UriKind.Absolute, out var uri) && !uri.IsFile ? feed : Path.GetFullPath(feed);

    private static string FirstLine(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && inner is AggregateException or FatalProtocolException)
        {
            inner = inner.InnerException;
        }

        return inner.Message.Split('\n')[0].Trim();
    }
}
