using System.Text;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary>One file the upgrade rewrites.</summary>
public sealed record FileChange(string Path, string RelativePath, string Before, string After, bool Bom);

/// <summary>Finds the Platform SDK pins of a repo (global.json msbuild-sdks, versioned Sdk references) and moves them to a version.</summary>
public static class Upgrader
{
    private static readonly string[] MSBuildExtensions = [".csproj", ".fsproj", ".vbproj", ".props", ".targets"];

    public static IReadOnlyList<FileChange> Plan(RepoLayout layout, string version)
    {
        var changes = new List<FileChange>();
        foreach (var file in layout.FindFiles(IsCandidate).OrderBy(f => f, StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            var before = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            var after = Path.GetFileName(file).Equals("global.json", StringComparison.OrdinalIgnoreCase)
                ? GlobalJson.RewritePins(before, version)
                : ProjectSdkReferences.Rewrite(before, version);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new FileChange(file, layout.Relative(file), before, after, bom));
            }
        }

        return changes;
    }

    /// <summary>The pinned versions the repo has now (global.json pins and versioned Sdk references).</summary>
    public static IReadOnlyList<string> CurrentPins(RepoLayout layout) =>
        layout.FindFiles(f => Path.GetFileName(f).Equals("global.json", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => GlobalJson.ReadPins(f).Where(p => p.Key.StartsWith("Platform.Sdk", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static void Apply(IEnumerable<FileChange> changes)
    {
        foreach (var change in changes)
        {
            var body = new UTF8Encoding(false).GetBytes(change.After);
            var bytes = change.Bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
            var temp = change.Path + ".platform-upgrade.tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, change.Path, overwrite: true);
        }
    }

    /// <summary>A unified diff of the changes (the rewrite never adds or removes lines, so lines pair up one to one).</summary>
    public static void WriteDiff(IEnumerable<FileChange> changes, TextWriter output)
    {
        foreach (var change in changes)
        {
            output.WriteLine($"--- a/{change.RelativePath}");
            output.WriteLine($"+++ b/{change.RelativePath}");
            var before = change.Before.Split('\n');
            var after = change.After.Split('\n');
            for (var i = 0; i < Math.Min(before.Length, after.Length); i++)
            {
                if (!string.Equals(before[i], after[i], StringComparison.Ordinal))
                {
                    output.WriteLine($"@@ -{i + 1} +{i + 1} @@");
                    output.WriteLine("-" + before[i].TrimEnd('\r'));
                    output.WriteLine("+" + after[i].TrimEnd('\r'));
                }
            }
        }
    }

    private static bool IsCandidate(string file)
    {
        var name = Path.GetFileName(file);
        return name.Equals("global.json", StringComparison.OrdinalIgnoreCase)
            || MSBuildExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);
    }
}
