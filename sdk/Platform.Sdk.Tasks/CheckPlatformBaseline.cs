using Microsoft.Build.Framework;
using Platform.Baselines;
using Platform.Governance;

namespace Platform.Sdk.Tasks;

/// <summary>
/// After compiling: counts the results the baseline suppressor suppressed (SARIF) against the project's baselined
/// findings. Fewer means findings were fixed: warning PLAT0403 asks for `platform baseline --update`, which shrinks
/// the file. Never fails the build on its own.
/// </summary>
public sealed class CheckPlatformBaseline : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>PlatformSarifFile.</summary>
    public string? SarifFile { get; set; }

    /// <summary>The count ResolvePlatformBaseline returned.</summary>
    public int BaselineCount { get; set; }

    /// <summary>How many results the baseline suppressed in this build.</summary>
    [Output]
    public int SuppressedCount { get; private set; }

    public override bool Execute()
    {
        var results = SarifReader.Read(SarifFile, ProjectFile, []);
        if (results is null)
        {
            return true;
        }

        SuppressedCount = results.Count(BaselineSuppression.IsBaselined);
        if (SuppressedCount < BaselineCount)
        {
            Log.LogWarning(subcategory: null, BaselineCodes.FixedEntries, helpKeyword: null, ProjectFile, 0, 0, 0, 0,
                $"{BaselineCount - SuppressedCount} of the {BaselineCount} baselined finding(s) of this project no longer occur. Run `platform baseline --update` and commit {BaselineDocument.RelativePath}, so the fixed findings cannot come back unnoticed.");
        }

        return true;
    }
}
