using System.Globalization;
using System.Text.RegularExpressions;
using NuGet.Common;
using NuGet.ProjectModel;

namespace Platform.Cli.Audit.SupplyChain;

/// <summary>
/// The vulnerable-package findings of a project's last restore: NuGetAudit writes its NU1901–NU1904 warnings into
/// project.assets.json, which NuGet's own reader (LockFileFormat) reads back with the restored graph, so the audit
/// reports exactly what the build saw, offline, without asking the feed again.
/// </summary>
public static partial class VulnerablePackages
{
    public static VulnerabilityAudit Read(string assetsFile)
    {
        if (!File.Exists(assetsFile))
        {
            return new VulnerabilityAudit(VulnerabilityStatus.NotRestored, null, null, []);
        }

        LockFile lockFile;
        try
        {
            lockFile = new LockFileFormat().Read(assetsFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or InvalidOperationException)
        {
            return new VulnerabilityAudit(VulnerabilityStatus.NoData, null, null, [], $"{assetsFile} could not be read: {ex.Message}");
        }

        var restored = File.GetLastWriteTimeUtc(assetsFile).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var audit = lockFile.PackageSpec?.RestoreMetadata?.RestoreAuditProperties;
        if (string.Equals(audit?.EnableAudit, "false", StringComparison.OrdinalIgnoreCase))
        {
            return new VulnerabilityAudit(VulnerabilityStatus.AuditOff, restored, audit?.AuditMode, []);
        }

        // "Id >= 1.0.0" per framework: the project's own references (members of the assets file that stay stable across NuGet versions).
        var direct = new HashSet<string>(
            lockFile.ProjectFileDependencyGroups.SelectMany(g => g.Dependencies).Select(d => d.Split(' ', 2)[0]),
            StringComparer.OrdinalIgnoreCase);
        var packages = lockFile.LogMessages
            .Where(m => Severity(m.Code) is not null && !string.IsNullOrEmpty(m.LibraryId))
            .GroupBy(m => (Id: m.LibraryId, m.Code, Advisory: Advisory(m.Message)))
            .Select(g => new VulnerablePackage(
                g.Key.Id,
                VersionOf(lockFile, g.Key.Id),
                Severity(g.Key.Code)!,
                g.Key.Code.ToString(),
                g.Key.Advisory,
                !direct.Contains(g.Key.Id),
                g.SelectMany(m => m.TargetGraphs ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Advisory, StringComparer.Ordinal)
            .ToList();

        // NU1900: the vulnerability data could not be fetched; NU1905: an audit source serves none. Findings may be missing.
        var noData = lockFile.LogMessages.FirstOrDefault(m => m.Code is NuGetLogCode.NU1900 or NuGetLogCode.NU1905);
        return new VulnerabilityAudit(noData is null ? VulnerabilityStatus.Audited : VulnerabilityStatus.NoData, restored, audit?.AuditMode, packages,
            noData is null ? null : $"{noData.Code}: {noData.Message}");
    }

    /// <summary>NuGetAudit's code for each GitHub advisory severity.</summary>
    public static string? Severity(NuGetLogCode code) => code switch
    {
        NuGetLogCode.NU1901 => "low",
        NuGetLogCode.NU1902 => "moderate",
        NuGetLogCode.NU1903 => "high",
        NuGetLogCode.NU1904 => "critical",
        _ => null,
    };

    private static string? VersionOf(LockFile lockFile, string id)
    {
        var versions = lockFile.Libraries.Where(l => l.Type == "package" && string.Equals(l.Name, id, StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Version.ToNormalizedString()).Distinct().ToList();
        return versions.Count == 0 ? null : string.Join(", ", versions);
    }

    // The message is localised, the advisory link is not.
    private static string? Advisory(string message) => Link().Match(message) is { Success: true } match ? match.Value : null;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
