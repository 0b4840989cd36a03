using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Platform.Governance;

namespace Platform.Sdk.Tasks;

/// <summary>
/// Checks the project's PlatformDeviation items against the build date and returns the ids that take effect
/// (the value of PlatformDeviationIds, read by the analyzers' suppressor). Malformed, unknown and expired entries
/// are PLAT01xx errors; entries close to expiry are PLAT0110 warnings. Never throws on bad input.
/// </summary>
public sealed class ValidatePlatformDeviations : Microsoft.Build.Utilities.Task
{
    /// <summary>The PlatformDeviation items (Include = rule id or setting name; Reason, Owner, Expires metadata).</summary>
    public ITaskItem[] Deviations { get; set; } = [];

    /// <summary>The _PlatformKnownRuleId items.</summary>
    public ITaskItem[] KnownRuleIds { get; set; } = [];

    /// <summary>The _PlatformKnownSetting items.</summary>
    public ITaskItem[] KnownSettings { get; set; } = [];

    /// <summary>PlatformBuildDate (yyyy-MM-dd); empty means today (UTC).</summary>
    public string? BuildDate { get; set; }

    /// <summary>PlatformDeviationWarnDays; empty means GovernanceDefaults.WarnDays (14).</summary>
    public string? WarnDays { get; set; }

    /// <summary>PlatformDeviationMaxDays; empty means GovernanceDefaults.MaxDays (180).</summary>
    public string? MaxDays { get; set; }

    /// <summary>The project file, for error locations when an item's defining file is unknown.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Semicolon-separated ids of the deviations in force (active or expiring).</summary>
    [Output]
    public string DeviationIds { get; private set; } = string.Empty;

    public override bool Execute()
    {
        var problems = new List<GovernanceProblem>();
        var clock = GovernanceClock.Resolve(BuildDate, WarnDays, MaxDays, ProjectFile, problems);
        var known = TaskItems.KnownIds(KnownRuleIds, KnownSettings);
        var deviations = DeviationEvaluator.Evaluate(TaskItems.Deviations(Deviations), known, clock, ProjectFile, problems);

        DeviationIds = DeviationEvaluator.InForceIds(deviations);
        Log.Report(problems);
        foreach (var deviation in deviations.Where(d => d.IsInForce))
        {
            Log.LogMessage(MessageImportance.Low, $"Platform deviation {deviation.Id} ({deviation.Owner}, expires {deviation.ExpiresText}): {deviation.Reason}");
        }

        return !Log.HasLoggedErrors;
    }
}
