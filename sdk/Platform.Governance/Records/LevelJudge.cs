namespace Platform.Governance;

/// <summary>
/// Computes levels, with the reasons in words: a build's level from its findings, deviations and settings
/// (<see cref="JudgeBuild"/>), and a project's level in the audit from its records and its deviations judged today
/// (<see cref="JudgeProject"/>). The build and the audit phrase every reason through this class.
/// </summary>
public static class LevelJudge
{
    public const string NotOnPlatformSdk = "the project does not use the Platform SDK";

    public const string NoRecord = "no compliance record: build the project (dotnet build writes obj/platform/<Configuration>/<TargetFramework>/compliance.json)";

    public static (ComplianceLevel Level, IReadOnlyList<string> Reasons) JudgeBuild(
        ComplianceInput input,
        IReadOnlyList<SarifResult> findings,
        int suppressedCount,
        IReadOnlySet<string> inForce)
    {
        if (!input.UsingPlatformSdk)
        {
            return (ComplianceLevel.None, [NotOnPlatformSdk]);
        }

        var bronze = new List<string>();
        var counted = findings.Where(f => f.CountsAsFinding).ToList();
        if (input.Results is null)
        {
            bronze.Add("no SARIF log to read diagnostics from");
        }

        if (counted.Count > 0)
        {
            bronze.Add($"{counted.Count} finding(s): {string.Join(", ", counted.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))}");
        }

        bronze.AddRange(input.Deviations.Where(d => d.IsBroken).Select(BrokenDeviation));

        foreach (var setting in input.Settings.Where(s => s.Enforced && SettingStatusOf(s, inForce) == SettingStatus.Changed))
        {
            bronze.Add($"setting {setting.Name} is '{setting.Effective}' (golden path: '{setting.Default}') without a registered deviation");
        }

        if (bronze.Count > 0)
        {
            return (ComplianceLevel.Bronze, bronze);
        }

        var silver = new List<string>();
        var registered = input.Deviations.Where(d => d.IsInForce).Select(d => d.Id).ToList();
        if (registered.Count > 0)
        {
            silver.Add($"{registered.Count} registered deviation(s): {string.Join(", ", registered)}");
        }

        if (suppressedCount > 0)
        {
            silver.Add($"{suppressedCount} suppressed result(s)");
        }

        return silver.Count > 0
            ? (ComplianceLevel.Silver, silver)
            : (ComplianceLevel.Gold, ["no findings and no deviations"]);
    }

    /// <summary>
    /// The audit's level of one project: error when it did not evaluate, none off the Platform SDK, else the worst of
    /// its build records (unknown without one), lowered to bronze when a deviation is expired or invalid today.
    /// </summary>
    public static (ComplianceLevel Level, IReadOnlyList<string> Reasons) JudgeProject(ProjectFacts facts)
    {
        if (facts.EvaluationError is not null)
        {
            return (ComplianceLevel.Error, ["the project did not evaluate: " + facts.EvaluationError.Split('\n')[0].Trim()]);
        }

        if (!facts.UsesPlatformSdk)
        {
            return (ComplianceLevel.None, [NotOnPlatformSdk]);
        }

        var reasons = new List<string>();
        ComplianceLevel level;
        if (facts.Records.Count > 0)
        {
            level = ComplianceLevels.Worst(facts.Records.Select(r => r.Level));
            reasons.AddRange(facts.Records.SelectMany(r => r.LevelReasons));
            if (facts.StaleRecordSdkVersion is { } recordSdk)
            {
                reasons.Add($"the build record is from Platform SDK {recordSdk}, the project is now on {facts.SdkVersion}: rebuild for a current level");
            }
        }
        else
        {
            level = ComplianceLevel.Unknown;
            reasons.Add(NoRecord);
        }

        var broken = facts.Deviations.Where(d => d.IsBroken).ToList();
        if (broken.Count > 0)
        {
            if (level is ComplianceLevel.Gold or ComplianceLevel.Silver or ComplianceLevel.Unknown)
            {
                level = ComplianceLevel.Bronze;
            }

            reasons.AddRange(broken.Select(BrokenDeviation));
        }

        return (level, reasons.Distinct(StringComparer.Ordinal).ToList());
    }

    public static SettingStatus SettingStatusOf(GoldenSetting setting, IReadOnlySet<string> inForce) =>
        setting.IsDefault ? SettingStatus.Default
        : setting.DeviationName is { } name && inForce.Contains(name) ? SettingStatus.Deviated
        : SettingStatus.Changed;

    /// <summary>Why a deviation makes the project bronze, in the same words in the record and in the audit.</summary>
    public static string BrokenDeviation(Deviation deviation) => deviation.Status == DeviationStatus.Expired
        ? $"deviation {deviation.Id} (owner {(deviation.Owner.Length == 0 ? "?" : deviation.Owner)}) expired on {deviation.ExpiresText}"
        : $"deviation {deviation.Id} is invalid ({string.Join(", ", deviation.Problems.Where(p => p.IsError).Select(p => p.Code).Distinct(StringComparer.Ordinal))})";
}

/// <summary>What the audit knows about one project, already judged into plain values.</summary>
public sealed record ProjectFacts
{
    public bool UsesPlatformSdk { get; init; }

    public string? SdkVersion { get; init; }

    /// <summary>The project's evaluation error, or null.</summary>
    public string? EvaluationError { get; init; }

    /// <summary>The build records of the configuration the audit looks at (one per target framework).</summary>
    public IReadOnlyList<ComplianceRecord> Records { get; init; } = [];

    /// <summary>The SDK version of the newest record when it differs from the project's current one, else null.</summary>
    public string? StaleRecordSdkVersion { get; init; }

    /// <summary>The project's deviations, judged as of the audit's date.</summary>
    public IReadOnlyList<Deviation> Deviations { get; init; } = [];
}
