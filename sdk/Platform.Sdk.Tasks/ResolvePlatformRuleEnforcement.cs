using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Platform.Governance;

namespace Platform.Sdk.Tasks;

/// <summary>
/// Staged enforcement: splits the PlatformRuleEnforcement items into the rules that are still warnings on the build
/// date (for WarningsNotAsErrors, so CI does not fail on them yet) and those whose ErrorFrom date has come (for
/// WarningsAsErrors, locally and in CI). Bad entries are PLAT0130/PLAT0131 errors. Never throws on bad input.
/// </summary>
public sealed class ResolvePlatformRuleEnforcement : Microsoft.Build.Utilities.Task
{
    /// <summary>The PlatformRuleEnforcement items (Include = rule id, ErrorFrom = yyyy-MM-dd).</summary>
    public ITaskItem[] Rules { get; set; } = [];

    /// <summary>The _PlatformKnownRuleId items.</summary>
    public ITaskItem[] KnownRuleIds { get; set; } = [];

    /// <summary>PlatformBuildDate (yyyy-MM-dd); empty means today (UTC).</summary>
    public string? BuildDate { get; set; }

    /// <summary>The project file, for error locations.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Rules whose ErrorFrom date has come: errors from now on.</summary>
    [Output]
    public string[] ErrorRuleIds { get; private set; } = [];

    /// <summary>Rules before their ErrorFrom date: warnings, even where warnings are errors.</summary>
    [Output]
    public string[] WarningRuleIds { get; private set; } = [];

    public override bool Execute()
    {
        var problems = new List<GovernanceProblem>();
        var clock = GovernanceClock.Resolve(BuildDate, warnDays: null, maxDays: null, ProjectFile, problems);
        var staged = RuleEnforcementEvaluator.Evaluate(TaskItems.Enforcements(Rules), TaskItems.KnownIds(KnownRuleIds, settings: null), clock.Today, ProjectFile, problems);

        ErrorRuleIds = staged.Where(r => r.IsEnforced).Select(r => r.RuleId).ToArray();
        WarningRuleIds = staged.Where(r => !r.IsEnforced).Select(r => r.RuleId).ToArray();
        Log.Report(problems);
        foreach (var rule in staged)
        {
            Log.LogMessage(MessageImportance.Low, $"Platform rule {rule.RuleId}: {(rule.IsEnforced ? "error" : "warning")} (errors from {IsoDate.ToText(rule.ErrorFrom)}).");
        }

        return !Log.HasLoggedErrors;
    }
}
