using Microsoft.Build.Framework;
using Platform.Baselines;

namespace Platform.Sdk.Tasks;

/// <summary>
/// Reads the repo's baseline (.platform/baseline.json), picks this project's entries and writes them as the
/// AdditionalFile the baseline suppressor reads (full paths, one entry a line). A baseline that cannot be trusted is
/// an error (PLAT0400/PLAT0401) and suppresses nothing; one that grew since it was last recorded is an error in CI
/// and a warning locally (PLAT0402); one past its target date is a warning (PLAT0404). Never throws on bad input.
/// </summary>
public sealed class ResolvePlatformBaseline : Microsoft.Build.Utilities.Task
{
    /// <summary>PlatformBaselineFile: the repo's .platform/baseline.json (may not exist).</summary>
    [Required]
    public string BaselineFile { get; set; } = string.Empty;

    /// <summary>MSBuildProjectFullPath.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>Where to write this project's entries for the suppressor.</summary>
    [Required]
    public string EntriesFile { get; set; } = string.Empty;

    /// <summary>PlatformIsCI: a grown baseline fails the build in CI.</summary>
    public string? IsCI { get; set; }

    /// <summary>PlatformBuildDate (yyyy-MM-dd); empty means today (UTC).</summary>
    public string? BuildDate { get; set; }

    /// <summary>How many findings of this project the baseline covers.</summary>
    [Output]
    public int Count { get; private set; }

    [Output]
    public string Owner { get; private set; } = string.Empty;

    [Output]
    public string TargetDate { get; private set; } = string.Empty;

    /// <summary>True when the build date is after the target date and the project still has baselined findings.</summary>
    [Output]
    public bool PastTargetDate { get; private set; }

    public override bool Execute()
    {
        var lines = new List<string> { "# Generated from " + BaselineFile + " for " + ProjectFile + ": rule, file, fingerprint, count" };
        if (File.Exists(BaselineFile))
        {
            Resolve(lines);
        }

        WriteIfChanged(EntriesFile, string.Join("\n", lines) + "\n");
        return !Log.HasLoggedErrors;
    }

    private void Resolve(List<string> lines)
    {
        var document = BaselineDocument.Read(BaselineFile, out var problem);
        if (document is null)
        {
            Log.LogError(subcategory: null, problem!.Code, helpKeyword: null, BaselineFile, 0, 0, 0, 0, problem.Message);
            return;
        }

        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(BaselineFile)))!;
        var relativeProject = Path.GetRelativePath(root, ProjectFile).Replace('\\', '/');
        var project = document.Project(relativeProject);
        if (project is null || project.Count == 0)
        {
            return;
        }

        Count = project.Count;
        Owner = document.Owner;
        TargetDate = document.TargetDate;
        foreach (var entry in project.Findings)
        {
            var full = Path.GetFullPath(Path.Combine(root, entry.File)).Replace('\\', '/');
            lines.Add(string.Join('\t', entry.Rule, full, entry.Fingerprint, entry.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (project.HasGrown)
        {
            var message = $"The baseline of {relativeProject} has grown: it lists {project.Count} finding(s), but it held {project.Allowed} when last recorded ({project.BurnDown[^1].Date}). A baseline only shrinks: fix the new findings and restore the baseline (`git checkout -- {BaselineDocument.RelativePath}`), then run `platform baseline --update`.";
            if (string.Equals(IsCI, "true", StringComparison.OrdinalIgnoreCase))
            {
                Log.LogError(subcategory: null, BaselineCodes.Grown, helpKeyword: null, BaselineFile, 0, 0, 0, 0, message);
            }
            else
            {
                Log.LogWarning(subcategory: null, BaselineCodes.Grown, helpKeyword: null, BaselineFile, 0, 0, 0, 0, message);
            }
        }

        var today = BaselineDocument.TryParseDate(BuildDate, out var date) ? date : DateOnly.FromDateTime(DateTime.UtcNow);
        if (BaselineDocument.TryParseDate(document.TargetDate, out var target) && today > target)
        {
            PastTargetDate = true;
            Log.LogWarning(subcategory: null, BaselineCodes.PastTargetDate, helpKeyword: null, BaselineFile, 0, 0, 0, 0,
                $"The baseline of {relativeProject} ({project.Count} finding(s), owner {document.Owner}) was due to be burnt down by {document.TargetDate}; the project's level is bronze until it is. Fix the findings and run `platform baseline --update`, or have the owner agree a new targetDate.");
        }
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), content, StringComparison.Ordinal))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
