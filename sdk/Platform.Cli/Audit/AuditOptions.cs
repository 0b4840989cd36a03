using Platform.Governance;

namespace Platform.Cli.Audit;

/// <summary>What `platform audit` was asked for.</summary>
/// <param name="MinLevel">The CI gate: projects below it fail the run.</param>
/// <param name="RecordsOnly">Read the build records only; evaluate nothing.</param>
/// <param name="Configuration">The records of this configuration (default: the most recently built).</param>
/// <param name="Today">The date deviations are judged against (default: today, UTC).</param>
public sealed record AuditOptions(
    ComplianceLevel? MinLevel = null,
    bool RecordsOnly = false,
    string? Feed = null,
    bool Offline = false,
    string? Configuration = null,
    bool IncludePrerelease = false,
    DateOnly? Today = null);

/// <summary>One progress step of a scan.</summary>
public readonly record struct ScanProgress(int Done, int Total, string Current);
