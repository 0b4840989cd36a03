namespace Platform.Cli.Fleet;

/// <summary>
/// One repo's audit on one date, as the fleet keeps it: the facts of `platform audit --format json` that the fleet
/// view uses (docs/fleet.md). Plain data: the store writes and reads it, the model computes from it.
/// </summary>
public sealed record FleetSnapshot(string Repository, DateOnly Date, string ToolVersion, IReadOnlyList<FleetProject> Projects, int TemplateDrift = 0);

/// <summary>A project in a snapshot. <see cref="Drift"/> and <see cref="Level"/> are the audit's words.</summary>
public sealed record FleetProject(
    string Path,
    string Name,
    string? Kind,
    string? Owner,
    string? OwnerSource,
    bool UsesPlatformSdk,
    string? SdkVersion,
    string Level,
    string Drift,
    string? TemplateStatus,
    int BaselineFindings,
    string? BaselineOwner,
    string? BaselineTargetDate,
    IReadOnlyList<FleetFinding> Findings,
    IReadOnlyList<FleetDeviation> Deviations,
    IReadOnlyList<FleetStagedRule> Enforcement)
{
    /// <summary>The audit counts a project current or newer as up to date.</summary>
    public bool IsUpToDate => Drift is "current" or "newer";

    public int FindingCount => Findings.Sum(f => f.Count);
}

/// <summary>How many unsuppressed findings (errors and warnings) of one rule a project has.</summary>
public sealed record FleetFinding(string RuleId, int Count);

public sealed record FleetDeviation(string Id, string? Owner, string? Expires, string Status);

/// <summary>A staged rule: a warning until <see cref="ErrorFrom"/>, an error from that date.</summary>
public sealed record FleetStagedRule(string RuleId, string ErrorFrom, string Mode);
