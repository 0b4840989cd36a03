using NuGet.Versioning;

namespace Platform.Cli.Infrastructure;

/// <summary>NuGet version ordering (prerelease labels included). Only call after <see cref="MSBuildHost.EnsureRegistered"/>.</summary>
public static class KitVersions
{
    /// <summary>Negative when a is older than b; unparsable versions sort before every valid one.</summary>
    public static int Compare(string? a, string? b)
    {
        var va = NuGetVersion.TryParse(a, out var x) ? x : null;
        var vb = NuGetVersion.TryParse(b, out var y) ? y : null;
        return (va, vb) switch
        {
            (null, null) => string.CompareOrdinal(a, b),
            (null, _) => -1,
            (_, null) => 1,
            _ => va.CompareTo(vb, VersionComparison.Default),
        };
    }

    /// <summary>The newest of the versions: the newest stable one when any is stable (unless prerelease is wanted).</summary>
    public static string? Newest(IEnumerable<string> versions, bool includePrerelease)
    {
        var parsed = versions.Select(v => NuGetVersion.TryParse(v, out var n) ? n : null).OfType<NuGetVersion>().ToList();
        var stable = parsed.Where(v => !v.IsPrerelease).ToList();
        var pool = includePrerelease || stable.Count == 0 ? parsed : stable;
        return pool.Count == 0 ? null : pool.Max()!.ToNormalizedString();
    }
}
