using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Evaluation.Context;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;
using Platform.Governance;

namespace Platform.Cli.Infrastructure;

/// <summary>What the audit needs from one evaluated project.</summary>
/// <param name="KnownRuleIds">The _PlatformKnownRuleId items: the rules a deviation may name in this project's kit.</param>
/// <param name="KnownSettings">The _PlatformKnownSetting items: the settings a deviation may name.</param>
public sealed record EvaluatedProject(
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<DeclaredDeviation> Deviations,
    IReadOnlyList<string> Analyzers,
    IReadOnlyList<string> KnownRuleIds,
    IReadOnlyList<string> KnownSettings)
{
    public string? Property(string name) =>
        Properties.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}

/// <summary>The outcome of evaluating one project: the project, or the error message.</summary>
public sealed record EvaluationOutcome(EvaluatedProject? Project, string? Error);

/// <summary>Evaluates projects in-process, sharing one collection and evaluation context (SDK resolution, file system).</summary>
public interface IProjectEvaluator : IDisposable
{
    EvaluationOutcome Evaluate(string projectPath);
}

public static class ProjectEvaluatorFactory
{
    /// <summary>Only call after <see cref="MSBuildHost.EnsureRegistered"/>: creating it loads Microsoft.Build.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static IProjectEvaluator Create(IReadOnlyDictionary<string, string>? globalProperties = null) => new MSBuildProjectEvaluator(globalProperties);
}

internal sealed partial class MSBuildProjectEvaluator : IProjectEvaluator
{
    internal static readonly string[] PropertyNames =
    [
        "UsingPlatformSdk", "PlatformSdkVersion", "PlatformProjectKind", "PlatformAnalyzers", "PlatformTelemetry",
        "PlatformDeviationWarnDays", "PlatformDeviationMaxDays", "PlatformComplianceFile", "PlatformCompliance",
        "BaseIntermediateOutputPath", "MSBuildProjectName", "TargetFramework", "TargetFrameworks", "Configuration",
        "PlatformOwner", "PlatformCodeOwnersFile",
    ];

    private readonly ProjectCollection _collection;

    // One shared context per SDK version spelling: a shared context resolves an SDK name once (as one build does,
    // MSB4240), so a project with Sdk="Platform.Sdk/1.2.0" must not share it with projects on the global.json pin.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EvaluationContext> _contexts = new(StringComparer.OrdinalIgnoreCase);

    public MSBuildProjectEvaluator(IReadOnlyDictionary<string, string>? globalProperties)
    {
        var globals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in globalProperties ?? new Dictionary<string, string>())
        {
            globals[name] = value;
        }

        _collection = new ProjectCollection(globals) { IsBuildEnabled = false };
    }

    public EvaluationOutcome Evaluate(string projectPath)
    {
        try
        {
            // A ProjectInstance is the lighter evaluation: no XML-linked object model, nothing to unload.
            var project = ProjectInstance.FromFile(projectPath, new ProjectOptions
            {
                ProjectCollection = _collection,
                EvaluationContext = _contexts.GetOrAdd(SdkVersionKey(projectPath), _ => EvaluationContext.Create(EvaluationContext.SharingPolicy.Shared)),
                LoadSettings = ProjectLoadSettings.Default,
            });
            var properties = PropertyNames.ToDictionary(n => n, n => project.GetPropertyValue(n), StringComparer.OrdinalIgnoreCase);
            var deviations = project.GetItems("PlatformDeviation")
                .Select(i => new DeclaredDeviation(i.EvaluatedInclude, Meta(i, "Reason"), Meta(i, "Owner"), Meta(i, "Expires"), Meta(i, "DefiningProjectFullPath")))
                .ToList();
            var analyzers = project.GetItems("Analyzer").Select(i => i.GetMetadataValue("FullPath")).ToList();
            var knownRules = project.GetItems("_PlatformKnownRuleId").Select(i => i.EvaluatedInclude).ToList();
            var knownSettings = project.GetItems("_PlatformKnownSetting").Select(i => i.EvaluatedInclude).ToList();
            return new EvaluationOutcome(new EvaluatedProject(properties, deviations, analyzers, knownRules, knownSettings), null);
        }
        catch (InvalidProjectFileException ex)
        {
            var where = ex.ProjectFile is null ? string.Empty : $" ({ex.ProjectFile}{(ex.LineNumber > 0 ? ":" + ex.LineNumber : string.Empty)})";
            return new EvaluationOutcome(null, $"{ex.ErrorCode}: {ex.BaseMessage}{where}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return new EvaluationOutcome(null, ex.Message);
        }
    }

    public void Dispose() => _collection.Dispose();

    /// <summary>The versioned SDK references a project file spells out ("" when it relies on global.json pins).</summary>
    private static string SdkVersionKey(string projectPath)
    {
        try
        {
            var text = File.ReadAllText(projectPath);
            return string.Join(";", VersionedSdk().Matches(text).Select(m => m.Value.Replace(" ", string.Empty, StringComparison.Ordinal)).Order(StringComparer.OrdinalIgnoreCase));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("""\bSdk\s*=\s*"[^"]*/[^"]*"|<Sdk\b[^>]*\bVersion\s*=\s*"[^"]*"[^>]*>|<Import\b[^>]*\bVersion\s*=\s*"[^"]*"[^>]*>""")]
    private static partial System.Text.RegularExpressions.Regex VersionedSdk();

    private static string? Meta(ProjectItemInstance item, string name)
    {
        var value = item.GetMetadataValue(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
