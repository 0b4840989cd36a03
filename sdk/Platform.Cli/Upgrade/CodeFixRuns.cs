using Platform.Baselines;
using Platform.Cli.Baseline;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary>One `dotnet format analyzers` run of upgrade's code fixes: the rules, and the files left out of them.</summary>
internal sealed record CodeFixRun(IReadOnlyList<string> Rules, IReadOnlyList<string> Excluded);

/// <summary>
/// Plans upgrade's code fixes so that baselined findings stay as they are. Upgrade must never rewrite grandfathered
/// code, whatever dotnet format does with the baseline's suppressor, so each rule runs with the files that hold its
/// baselined findings excluded (rules with the same files share a run). A new finding of that rule in such a file is
/// left for a human, and CI names it.
/// </summary>
internal static class CodeFixRuns
{
    public static IReadOnlyList<CodeFixRun> Plan(RepoLayout layout, IReadOnlyList<string> rules)
    {
        var baselineRoot = BaselineLocation.Root(layout.Root);
        var file = Path.Combine(baselineRoot, BaselineDocument.RelativePath);
        var baseline = File.Exists(file) ? BaselineDocument.Read(file, out _) : null;
        return Plan(rules, baseline, path => Path.GetRelativePath(layout.Root, Path.Combine(baselineRoot, path)).Replace('\\', '/'));
    }

    /// <param name="toWorkingFolder">A baseline path (relative to the baseline's root) as dotnet format reads it (relative to the repo folder).</param>
    public static IReadOnlyList<CodeFixRun> Plan(IReadOnlyList<string> rules, BaselineDocument? baseline, Func<string, string> toWorkingFolder)
    {
        var files = (baseline?.Projects ?? []).SelectMany(p => p.Findings)
            .GroupBy(f => f.Rule, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(f => toWorkingFolder(f.File)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.OrdinalIgnoreCase);
        return rules
            .GroupBy(rule => string.Join('\n', files.GetValueOrDefault(rule) ?? []), StringComparer.Ordinal)
            .Select(g => new CodeFixRun(g.ToList(), files.GetValueOrDefault(g.First()) ?? []))
            .ToList();
    }

    /// <summary>When and how big each C# file is: compared after the fixes to list the files they changed.</summary>
    public static Dictionary<string, (DateTime Written, long Length)> Stamps(RepoLayout layout) =>
        layout.FindFiles(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f, f => { var info = new FileInfo(f); return (info.LastWriteTimeUtc, info.Length); }, StringComparer.Ordinal);

    public static IReadOnlyList<string> Changed(RepoLayout layout, IReadOnlyDictionary<string, (DateTime Written, long Length)> before) =>
        Stamps(layout).Where(s => !before.TryGetValue(s.Key, out var old) || old != s.Value)
            .Select(s => layout.Relative(s.Key)).Order(StringComparer.Ordinal).ToList();
}
