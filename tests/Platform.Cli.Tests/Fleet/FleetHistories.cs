using System.Globalization;
using Platform.Cli.Audit;
using Platform.Cli.Audit.Formats;
using Platform.Cli.Fleet;
using Platform.Governance;

namespace Platform.Cli.Tests.Fleet;

/// <summary>
/// Hand-made fleet histories with known answers, and the audit JSON files they came from (written through the audit's
/// own report type and JSON options, so ingest reads exactly what `platform audit --format json` writes).
/// </summary>
public static class FleetHistories
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static FleetProject P(
        string path, string version, string level, string drift, string? owner = null, string ownerSource = "property",
        (string Rule, int Count)[]? findings = null, FleetDeviation[]? deviations = null, FleetStagedRule[]? staged = null,
        int baseline = 0, string? baselineOwner = null, string? baselineTarget = null, string? template = null) => new(
            path, Path.GetFileNameWithoutExtension(path), "library", owner, owner is null ? null : ownerSource, true, version, level, drift, template,
            baseline, baselineOwner, baselineTarget,
            (findings ?? []).Select(f => new FleetFinding(f.Rule, f.Count)).ToList(), deviations ?? [], staged ?? []);

    /// <summary>
    /// Two repos, five weekly dates, kit 1.0.0 then 1.1.0 (first seen 2026-01-12; 50 % on 01-19, 100 % on 02-02).
    /// A snapshots on 01-05, 01-12, 01-26; B on 01-05, 01-19, 02-02 (each carried forward in between).
    /// </summary>
    public static IReadOnlyList<FleetSnapshot> TwoRepos()
    {
        var staged = new[] { new FleetStagedRule("PLAT5002", "2026-03-01", "warning") };
        return
        [
            new("repo-a", D("2026-01-05"), "1.0.0",
            [
                P("src/A1/A1.csproj", "1.0.0", "bronze", "current", "team-a", findings: [("PLAT2001", 3)]),
                P("src/A2/A2.csproj", "1.0.0", "gold", "current", "team-a"),
            ]),
            new("repo-b", D("2026-01-05"), "1.0.0",
            [
                P("src/B1/B1.csproj", "1.0.0", "bronze", "current", "@org/team-b", "codeowners", findings: [("PLAT2001", 1)], baseline: 4, baselineOwner: "team-b", baselineTarget: "2026-06-30"),
                P("src/B2/B2.csproj", "1.0.0", "silver", "current", baseline: 6, baselineOwner: "team-b", baselineTarget: "2026-06-30"),
            ]),
            new("repo-a", D("2026-01-12"), "1.1.0",
            [
                P("src/A1/A1.csproj", "1.1.0", "bronze", "current", "team-a", findings: [("PLAT2001", 2)]),
                P("src/A2/A2.csproj", "1.0.0", "gold", "outdated", "team-a"),
            ]),
            new("repo-b", D("2026-01-19"), "1.1.0",
            [
                P("src/B1/B1.csproj", "1.1.0", "silver", "current", "@org/team-b", "codeowners", baseline: 2, baselineOwner: "team-b", baselineTarget: "2026-06-30"),
                P("src/B2/B2.csproj", "1.0.0", "silver", "outdated", baseline: 4, baselineOwner: "team-b", baselineTarget: "2026-06-30"),
            ]),
            new("repo-a", D("2026-01-26"), "1.1.0",
            [
                P("src/A1/A1.csproj", "1.1.0", "bronze", "current", "team-a",
                    deviations: [new FleetDeviation("PLAT1001", "team-a", "2026-02-01", "expired")]),
                P("src/A2/A2.csproj", "1.1.0", "silver", "current", "team-a",
                    deviations: [new FleetDeviation("PLAT2001", null, "2026-02-20", "active")]),
            ]),
            new("repo-b", D("2026-02-02"), "1.1.0",
            [
                P("src/B1/B1.csproj", "1.1.0", "silver", "current", "@org/team-b", "codeowners", staged: staged,
                    deviations: [new FleetDeviation("Nullable", "", "2026-06-01", "active")]),
                P("src/B2/B2.csproj", "1.1.0", "bronze", "current", staged: staged, findings: [("PLAT5002", 2)], template: "outdated"),
            ], TemplateDrift: 1),
        ];
    }

    public static readonly DateOnly TwoReposToday = D("2026-02-10");

    /// <summary>The audit report `platform audit --format json` would have written for the snapshot.</summary>
    public static AuditReport ToAuditReport(FleetSnapshot s, string? root = null) => new(
        AuditReport.CurrentSchemaVersion,
        new ToolInfo("platform", s.ToolVersion),
        root ?? "/checkouts/" + s.Repository,
        s.Repository,
        s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        new FeedInfo([], null, null, null, "repo", []),
        new AuditSummary(s.Projects.Count, s.Projects.Count(p => p.UsesPlatformSdk), new Dictionary<string, int>(), s.Projects.Count(p => p.IsUpToDate), 0,
            new Dictionary<string, int>(), s.Projects.Sum(p => p.FindingCount), s.Projects.Sum(p => p.Deviations.Count), 0, 0, s.TemplateDrift, 0, null, 0,
            s.Projects.Sum(p => p.BaselineFindings), s.Projects.Count(p => p.Owner is null)),
        s.Projects.Select(p => new ProjectAudit(
            p.Name, p.Path, p.Kind, p.UsesPlatformSdk, p.SdkVersion,
            ComplianceLevels.TryParse(p.Level, out var level) ? level : ComplianceLevel.Unknown, [],
            new DriftInfo(null, p.Drift),
            p.Deviations.Select(d => new DeviationAudit(d.Id, "reason", d.Owner, d.Expires, null, Enum.Parse<DeviationStatus>(d.Status, ignoreCase: true), null, 0)).ToList(),
            p.Findings.SelectMany(f => Enumerable.Range(1, f.Count).Select(i => new RecordedResult { RuleId = f.RuleId, Level = "warning", Message = "finding", File = "Code.cs", Line = i })).ToList(),
            null,
            p.TemplateStatus is null ? null : new TemplateAudit(".platform/template.json", "platform-api", "0.9.0", "1.0.0", p.TemplateStatus),
            null,
            false,
            p.BaselineFindings == 0 ? null : new BaselineAudit(p.BaselineFindings, p.BaselineFindings, [], p.BaselineOwner ?? string.Empty, p.BaselineTargetDate ?? string.Empty, "active"),
            p.Owner is null ? null : new ProjectOwner(p.Owner, p.OwnerSource == "codeowners" ? OwnerSource.CodeOwners : OwnerSource.Property),
            p.Enforcement.Select(e => new RecordedEnforcement { RuleId = e.RuleId, ErrorFrom = e.ErrorFrom, Mode = e.Mode == "error" ? EnforcementMode.Error : EnforcementMode.Warning }).ToList()))
            .ToList(),
        [],
        []);

    /// <summary>Writes each snapshot as `platform audit --format json` output: folder/&lt;repo&gt;-&lt;date&gt;.json.</summary>
    public static IReadOnlyList<string> WriteAuditFiles(string folder, IEnumerable<FleetSnapshot> snapshots)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var s in snapshots)
        {
            var file = Path.Combine(folder, $"{s.Repository.Replace('/', '_')}-{s.Date:yyyy-MM-dd}.json");
            using (var writer = new StreamWriter(file))
            {
                new JsonFormat().Write(ToAuditReport(s), writer);
            }

            files.Add(file);
        }

        return files;
    }

    public static string TempFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-fleet-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
