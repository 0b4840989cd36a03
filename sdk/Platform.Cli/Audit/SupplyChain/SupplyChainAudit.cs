namespace Platform.Cli.Audit.SupplyChain;

/// <summary>A project's supply chain in the audit: its base-image pin against the newest kit's, and the vulnerable packages its last restore found.</summary>
public sealed record SupplyChainAudit(BasePinAudit? BaseImage, VulnerabilityAudit Vulnerabilities);

/// <summary>
/// The project's base image and whether its pin is the one the newest kit in the feed approves. Status: current (the
/// approved digest), outdated (another digest), unpinned (pulled by tag), unknown (the newest kit pins no digest for this
/// name:tag, or the feed was not read).
/// </summary>
public sealed record BasePinAudit(string Image, string? Pin, string? Newest, string? NewestKitVersion, string Status)
{
    /// <summary>Drift, like an old kit version: a pin other than the approved one, or no pin where one is approved.</summary>
    public bool IsDrift => Status == BasePinStatus.Outdated || (Status == BasePinStatus.Unpinned && Newest is not null);
}

public static class BasePinStatus
{
    public const string Current = "current";
    public const string Outdated = "outdated";
    public const string Unpinned = "unpinned";
    public const string Unknown = "unknown";
}

/// <summary>
/// What NuGetAudit found in the project's last restore (obj/project.assets.json). Status: audited, auditOff
/// (NuGetAudit=false), noData (NU1900/NU1905: the vulnerability data could not be read), notRestored (no assets file).
/// </summary>
public sealed record VulnerabilityAudit(string Status, string? RestoredUtc, string? AuditMode, IReadOnlyList<VulnerablePackage> Packages, string? Problem = null);

/// <summary>One known-vulnerable package: severity from NuGet's code (NU1901 low … NU1904 critical), the advisory link, direct or transitive.</summary>
public sealed record VulnerablePackage(string Id, string? Version, string Severity, string Code, string? Advisory, bool Transitive, IReadOnlyList<string> TargetFrameworks);

public static class VulnerabilityStatus
{
    public const string Audited = "audited";
    public const string AuditOff = "auditOff";
    public const string NoData = "noData";
    public const string NotRestored = "notRestored";
}

/// <summary>What the scanner keeps of a project for the supply-chain checks (from its evaluation, else defaults).</summary>
public sealed record SupplyChainFacts(string? BaseImage, string? RegistryMirror, string AssetsFile)
{
    public static SupplyChainFacts From(Infrastructure.EvaluatedProject? evaluated, string projectDirectory) => new(
        evaluated?.Property("_PlatformContainerEnabled") == "true" ? evaluated.Property("ContainerBaseImage") : null,
        evaluated?.Property("PlatformContainerRegistryMirror"),
        evaluated?.Property("ProjectAssetsFile") is { } assets ? Path.GetFullPath(assets, projectDirectory) : Path.Combine(projectDirectory, "obj", "project.assets.json"));
}

/// <summary>Judges one project's supply chain and counts the repo's.</summary>
public static class SupplyChainJudge
{
    public static SupplyChainAudit Judge(SupplyChainFacts facts, ApprovedBasePins pins) =>
        new(facts.BaseImage is null ? null : BasePinDrift.Judge(facts.BaseImage, facts.RegistryMirror, pins), VulnerablePackages.Read(facts.AssetsFile));

    public static int DriftedBasePins(IEnumerable<ProjectAudit> projects) => projects.Count(p => p.SupplyChain?.BaseImage?.IsDrift == true);

    public static int VulnerablePackageCount(IEnumerable<ProjectAudit> projects) => projects.Sum(p => p.SupplyChain?.Vulnerabilities.Packages.Count ?? 0);
}
