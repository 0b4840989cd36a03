using Platform.Cli.Audit.SupplyChain;

namespace Platform.Cli.Audit.Formats;

/// <summary>The supply-chain part of every format: base-pin drift and the vulnerable packages of the last restore, in words and as SARIF results.</summary>
public static class SupplyChainText
{
    /// <summary>The SARIF formatter's way to add one result located at the project file.</summary>
    public delegate void AddResult(string ruleId, string level, string text, ProjectAudit project, string description, string help);

    /// <summary>One line per drifted base pin, vulnerable package or unaudited restore, then the repo's count (table and markdown).</summary>
    public static IEnumerable<string> Lines(AuditReport report)
    {
        foreach (var p in report.Projects)
        {
            if (p.SupplyChain?.BaseImage is { IsDrift: true } pin)
            {
                yield return $"base pin: {p.Path}: {BasePin(pin)}";
            }

            if (p.SupplyChain?.Vulnerabilities is not { } vulnerabilities || !p.UsesPlatformSdk)
            {
                continue;
            }

            foreach (var v in vulnerabilities.Packages)
            {
                yield return $"vulnerable: {p.Path}: {Package(v)}";
            }

            if (Unaudited(vulnerabilities) is { } why)
            {
                yield return $"vulnerabilities: {p.Path}: {why}";
            }
        }

        var s = report.Summary;
        yield return $"Supply chain: base pins behind the newest approved {s.OutdatedBasePins}, vulnerable packages {s.VulnerablePackages} (last restore).";
    }

    public static void AddSarifResults(ProjectAudit p, AddResult add, string docsBase)
    {
        if (p.SupplyChain?.BaseImage is { IsDrift: true } pin)
        {
            add(AuditRuleIds.OutdatedBasePin, "warning", $"{p.Name}: {BasePin(pin)}", p, "Base image pin behind the newest approved one", docsBase + "supply-chain.md#base-image-drift");
        }

        foreach (var v in p.SupplyChain?.Vulnerabilities.Packages ?? [])
        {
            add(AuditRuleIds.VulnerablePackage, v.Severity is "high" or "critical" ? "error" : "warning", $"{p.Name}: {Package(v)}", p, "Known-vulnerable package", v.Advisory ?? docsBase + "supply-chain.md#vulnerable-packages");
        }
    }

    public static string BasePin(BasePinAudit pin) => pin.Status == BasePinStatus.Unpinned
        ? $"{pin.Image} is pulled by tag; Platform.Sdk {pin.NewestKitVersion} approves {pin.Newest}. Upgrade the kit (platform upgrade) or pin ContainerBaseImage to <name:tag>@{pin.Newest}."
        : $"{pin.Image} is pinned to {pin.Pin}; Platform.Sdk {pin.NewestKitVersion} approves {pin.Newest}. Upgrade the kit (platform upgrade), or update the pin in ContainerBaseImage/PlatformContainerBasePins.";

    public static string Package(VulnerablePackage v) =>
        $"{v.Id} {v.Version ?? "?"} has a known {v.Severity} severity vulnerability ({v.Code}, {(v.Transitive ? "transitive" : "direct")}{(v.TargetFrameworks.Count > 0 ? ", " + string.Join(", ", v.TargetFrameworks) : string.Empty)}){(v.Advisory is null ? string.Empty : ": " + v.Advisory)}";

    private static string? Unaudited(VulnerabilityAudit v) => v.Status switch
    {
        VulnerabilityStatus.NotRestored => "not restored, so not audited (run dotnet restore).",
        VulnerabilityStatus.AuditOff => "NuGetAudit is off for this project (NuGetAudit=false).",
        VulnerabilityStatus.NoData => "the last restore had no vulnerability data: " + v.Problem,
        _ => null,
    };
}
