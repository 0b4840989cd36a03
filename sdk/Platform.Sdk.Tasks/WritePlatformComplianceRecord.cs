using Microsoft.Build.Framework;
using Platform.Governance;

namespace Platform.Sdk.Tasks;

/// <summary>
/// Writes the project's compliance record (docs/compliance-record.md): golden-path settings, deviations and their
/// status, staged rules, the governed diagnostics read from the compiler's SARIF log, and the level
/// (gold/silver/bronze/none). Announces staged rules that still have findings (PLAT0150). Deviation problems are
/// recorded, not reported: ValidatePlatformDeviations reports them. Never throws on bad input.
/// </summary>
public sealed class WritePlatformComplianceRecord : Microsoft.Build.Utilities.Task
{
    /// <summary>Where to write the record (PlatformComplianceFile).</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The project file (MSBuildProjectFullPath).</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    public string? ProjectName { get; set; }

    /// <summary>PlatformProjectKind.</summary>
    public string? ProjectKind { get; set; }

    public string? TargetFramework { get; set; }

    public string? Configuration { get; set; }

    /// <summary>UsingPlatformSdk; anything but true gives the level none.</summary>
    public string? UsingPlatformSdk { get; set; }

    /// <summary>PlatformSdkVersion.</summary>
    public string? SdkVersion { get; set; }

    /// <summary>PlatformOwner: the owning team; when empty, the owner comes from <see cref="CodeOwnersFile"/>.</summary>
    public string? Owner { get; set; }

    /// <summary>PlatformCodeOwnersFile (empty when PlatformOwnerFromCodeOwners is false or the repo has none).</summary>
    public string? CodeOwnersFile { get; set; }

    /// <summary>PlatformIsCI.</summary>
    public string? IsCI { get; set; }

    /// <summary>PlatformSarifFile; when empty, the path part of ErrorLog.</summary>
    public string? SarifFile { get; set; }

    /// <summary>ErrorLog (path[,version=…]), the fallback for SarifFile.</summary>
    public string? ErrorLog { get; set; }

    /// <summary>PlatformComplianceRulePrefixes: rule id prefixes the record governs (default PLAT).</summary>
    public string[] RulePrefixes { get; set; } = [];

    /// <summary>The PlatformDeviation items in effect (none when PlatformDeviations is false).</summary>
    public ITaskItem[] Deviations { get; set; } = [];

    public ITaskItem[] KnownRuleIds { get; set; } = [];

    public ITaskItem[] KnownSettings { get; set; } = [];

    /// <summary>The PlatformRuleEnforcement items in effect.</summary>
    public ITaskItem[] RuleEnforcements { get; set; } = [];

    /// <summary>The _PlatformGoldenSetting items (Default, Effective, Deviation, Enforced metadata).</summary>
    public ITaskItem[] GoldenSettings { get; set; } = [];

    public string? BuildDate { get; set; }

    public string? WarnDays { get; set; }

    public string? MaxDays { get; set; }

    /// <summary>PlatformBaselineFile, and what ResolvePlatformBaseline found in it for this project.</summary>
    public string? BaselineFile { get; set; }

    public int BaselineCount { get; set; }

    public string? BaselineOwner { get; set; }

    public string? BaselineTargetDate { get; set; }

    public bool BaselinePastTargetDate { get; set; }

    /// <summary>The level written: gold, silver, bronze or none.</summary>
    [Output]
    public string Level { get; private set; } = string.Empty;

    public override bool Execute()
    {
        // ValidatePlatformDeviations reports a bad date or limit; the record only needs the resolved values.
        var clock = GovernanceClock.Resolve(BuildDate, WarnDays, MaxDays, ProjectFile, []);
        var problems = new List<GovernanceProblem>();

        var known = TaskItems.KnownIds(KnownRuleIds, KnownSettings);
        var deviations = DeviationEvaluator.Evaluate(TaskItems.Deviations(Deviations), known, clock, ProjectFile, []);
        var staged = RuleEnforcementEvaluator.Evaluate(TaskItems.Enforcements(RuleEnforcements), known, clock.Today, ProjectFile, []);
        var sarif = ResolveSarifPath();
        var results = SarifReader.Read(sarif, ProjectFile, problems);

        var built = ComplianceRecordBuilder.Build(new ComplianceInput
        {
            ProjectName = string.IsNullOrWhiteSpace(ProjectName) ? Path.GetFileNameWithoutExtension(ProjectFile) : ProjectName,
            ProjectPath = Path.GetFullPath(ProjectFile),
            ProjectKind = ProjectKind,
            TargetFramework = TargetFramework,
            Configuration = Configuration,
            UsingPlatformSdk = IsTrue(UsingPlatformSdk),
            SdkVersion = SdkVersion,
            Owner = OwnerResolver.Resolve(Owner, ProjectFile, () => string.IsNullOrWhiteSpace(CodeOwnersFile) ? null : CodeOwners.Load(CodeOwnersFile)),
            IsCI = IsTrue(IsCI),
            BuildDate = clock.Today,
            SarifFile = sarif,
            RulePrefixes = Prefixes(),
            Settings = TaskItems.Settings(GoldenSettings),
            Deviations = deviations,
            StagedRules = staged,
            Results = results,
            Baseline = BaselineCount > 0
                ? new Platform.Baselines.BaselineStatus(BaselineFile ?? string.Empty, BaselineOwner ?? string.Empty, BaselineTargetDate ?? string.Empty, BaselineCount, BaselinePastTargetDate)
                : null,
        });

        Announce(staged, built.Findings, problems);
        Log.Report(problems);
        Level = built.Record.Level.Name();

        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(OutputFile));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(OutputFile, ComplianceRecordJson.Write(built.Record));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Log.LogError(subcategory: null, GovernanceCodes.ComplianceRecordNotWritten, helpKeyword: null, ProjectFile, 0, 0, 0, 0,
                $"The compliance record could not be written to '{OutputFile}' ({ex.GetType().Name}: {ex.Message}). Check that the obj/ folder is writable, or set PlatformComplianceFile to a writable path (PlatformCompliance=false turns the record off).");
            return false;
        }

        Log.LogMessage(MessageImportance.Normal, $"Platform compliance: {Level} ({string.Join("; ", built.Record.LevelReasons)}). Record: {OutputFile}");
        return !Log.HasLoggedErrors;
    }

    /// <summary>PLAT0150: a staged rule that is still a warning, with findings in this project, gets its date announced.</summary>
    private void Announce(IReadOnlyList<StagedRule> staged, IReadOnlyList<SarifResult> findings, List<GovernanceProblem> problems)
    {
        foreach (var rule in staged.Where(r => !r.IsEnforced))
        {
            var count = findings.Count(f => string.Equals(f.RuleId, rule.RuleId, StringComparison.OrdinalIgnoreCase));
            if (count > 0)
            {
                problems.Add(new GovernanceProblem(GovernanceCodes.EnforcementAnnouncement,
                    $"{rule.RuleId} is a warning until {IsoDate.ToText(rule.ErrorFrom)} and fails the build from that date, locally and in CI; this project has {count} {rule.RuleId} finding(s). Fix them before then, or register a PlatformDeviation (docs/governance.md).",
                    IsError: false, ProjectFile));
            }
        }
    }

    private string? ResolveSarifPath()
    {
        var path = !string.IsNullOrWhiteSpace(SarifFile) ? SarifFile : ErrorLog?.Split(',')[0];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(path.Trim(), Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    private IReadOnlyList<string> Prefixes()
    {
        var prefixes = RulePrefixes.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return prefixes.Count == 0 ? [GovernanceDefaults.RulePrefix] : prefixes;
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
