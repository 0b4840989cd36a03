using System.Text.RegularExpressions;
using Platform.Cli.Infrastructure;
using Platform.Governance;

namespace Platform.Cli.Audit;

/// <summary>
/// What the audit gathered about one project before judging it: from its evaluation when there is one, else from its
/// newest build record and its project file.
/// </summary>
public sealed record ScannedProject(
    string FullPath,
    string Name,
    bool UsesPlatformSdk,
    string? SdkVersion,
    string? Kind,
    IReadOnlyList<DeclaredDeviation> Deviations,
    KnownIds KnownIds,
    string? WarnDays,
    string? MaxDays,
    IReadOnlyList<BuildRecord> Records,
    string? EvaluationError,
    ProjectOwner? Owner = null);

/// <summary>Gathers a <see cref="ScannedProject"/> from an evaluation outcome (or none, with --records-only) and the build records.</summary>
public static partial class ProjectScanner
{
    public static ScannedProject Scan(string projectPath, EvaluationOutcome? outcome, AuditOptions options, GlobalJsonPins pins, CodeOwnersFiles codeOwners, List<string> problems)
    {
        var directory = Path.GetDirectoryName(projectPath)!;
        var evaluated = outcome?.Project;
        var allRecords = BuildRecords.Read(directory, evaluated?.Property("BaseIntermediateOutputPath"), evaluated?.Property("PlatformComplianceFile"), problems);
        var records = BuildRecords.OfConfiguration(allRecords, options.Configuration);
        var latest = records.MaxBy(r => r.WrittenUtc)?.Record;
        var name = evaluated?.Property("MSBuildProjectName") ?? Path.GetFileNameWithoutExtension(projectPath);

        if (evaluated is not null)
        {
            return new ScannedProject(
                projectPath,
                name,
                string.Equals(evaluated.Property("UsingPlatformSdk"), "true", StringComparison.OrdinalIgnoreCase),
                evaluated.Property("PlatformSdkVersion"),
                evaluated.Property("PlatformProjectKind") ?? latest?.Project.Kind,
                evaluated.Deviations,
                evaluated.KnownRuleIds.Count > 0 ? new KnownIds(evaluated.KnownRuleIds, evaluated.KnownSettings) : KnownIds.FromCatalogue(),
                evaluated.Property("PlatformDeviationWarnDays"),
                evaluated.Property("PlatformDeviationMaxDays"),
                records,
                null,
                OwnerResolver.Resolve(evaluated.Property("PlatformOwner"), projectPath, () => codeOwners.Load(evaluated.Property("PlatformCodeOwnersFile"))));
        }

        // Records only, or the evaluation failed: the record and the project file tell what they can.
        var (sniffedUse, sniffedVersion) = SniffProjectFile(projectPath, pins);
        var recorded = latest?.Deviations ?? [];
        return new ScannedProject(
            projectPath,
            name,
            latest?.Sdk.Used ?? sniffedUse,
            latest?.Sdk.Version ?? sniffedVersion,
            latest?.Project.Kind,
            recorded.Select(d => new DeclaredDeviation(d.Id, d.Reason, d.Owner, d.Expires)).ToList(),
            KnownFromRecord(recorded),
            null,
            null,
            records,
            outcome?.Error,
            latest?.Owner);
    }

    /// <summary>The catalogue, plus whatever the build that wrote the record knew (its kit may be newer than this tool).</summary>
    private static KnownIds KnownFromRecord(IReadOnlyList<RecordedDeviation> recorded) => new(
        RuleCatalogue.All.Select(r => r.Id).Concat(recorded.Where(d => d.Kind == DeviationKind.Rule).Select(d => d.Id)),
        SettingCatalogue.DeviationNames.Concat(recorded.Where(d => d.Kind == DeviationKind.Setting).Select(d => d.Id)));

    private static (bool Uses, string? Version) SniffProjectFile(string projectPath, GlobalJsonPins pins)
    {
        string text;
        try
        {
            text = File.ReadAllText(projectPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (false, null);
        }

        var match = SdkReference().Match(text);
        if (!match.Success)
        {
            return (false, null);
        }

        var sdk = match.Groups["name"].Value;
        var version = match.Groups["version"].Success ? match.Groups["version"].Value : pins.Find(Path.GetDirectoryName(projectPath)!, sdk);
        return (true, version);
    }

    [GeneratedRegex("""(?:\bSdk\s*=\s*"(?:[^"]*;)?\s*|<Sdk\s+Name\s*=\s*")(?<name>Platform\.Sdk(?:\.[A-Za-z0-9_]+)*)(?:/(?<version>[^";\s]+))?""")]
    private static partial Regex SdkReference();
}

/// <summary>The CODEOWNERS files the evaluated projects point at, each parsed once per audit.</summary>
public sealed class CodeOwnersFiles
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CodeOwners?> _cache = new(StringComparer.Ordinal);

    public CodeOwners? Load(string? file) => file is null ? null : _cache.GetOrAdd(file, CodeOwners.Load);
}

/// <summary>The msbuild-sdks pins of the global.json files above a folder (cached).</summary>
public sealed class GlobalJsonPins
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>?> _cache = new(StringComparer.Ordinal);

    public string? Find(string folder, string sdk)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "global.json");
            if (!_cache.TryGetValue(file, out var pins))
            {
                pins = File.Exists(file) ? Upgrade.GlobalJson.ReadPins(file) : null;
                _cache[file] = pins;
            }

            if (pins is not null)
            {
                return pins.TryGetValue(sdk, out var version) ? version : null;
            }
        }

        return null;
    }
}
