using System.Text;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary>One file the upgrade rewrites.</summary>
public sealed record FileChange(string Path, string RelativePath, string Before, string After, bool Bom);

/// <summary>Finds the Platform SDK pins of a repo (global.json msbuild-sdks, versioned Sdk references) and moves them to a version.</summary>
public static class Upgrader
{
    private static readonly string[] MSBuildExtensions = [".csproj", ".fsproj", ".vbproj", ".props", ".targets"];

    /// <summary>The files that change. A file that cannot be read or parsed stops the plan with a <see cref="CliException"/> naming it.</summary>
    public static IReadOnlyList<FileChange> Plan(RepoLayout layout, KitVersion version)
    {
        var changes = new List<FileChange>();
        var realRoot = RepoLinks.Resolve(layout.Root).Path;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in layout.FindFiles(IsCandidate))
        {
            var relative = layout.Relative(file);
            var real = RepoLinks.Resolve(file);
            if (real.Loop || !real.Exists)
            {
                throw new CliException(ExitCodes.IoError, real.Loop
                    ? $"{relative} is a symbolic link that loops back on itself. Point it at a real file, or remove it; nothing was changed."
                    : $"{relative} is a symbolic link to {real.Path}, which does not exist. Fix the link or remove it; nothing was changed.");
            }

            if (!RepoLinks.IsInside(real.Path, realRoot))
            {
                throw new CliException(ExitCodes.IoError, $"{relative} is a link to {real.Path}, outside the repo; upgrade does not edit files outside it. " +
                    "Upgrade that file in its own repo, or replace the link with a copy; nothing was changed.");
            }

            if (!seen.Add(real.Path))
            {
                continue; // A second link to the same file.
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(real.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.IoError, $"{relative} cannot be read: {ex.Message} Fix its permissions and run again; nothing was changed.");
            }

            var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
            var before = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            string after;
            try
            {
                after = IsGlobalJson(file)
                    ? GlobalJsonDocument.Parse(before).WithKitPinsAt(version)
                    : ProjectSdkReferences.Rewrite(before, version);
            }
            catch (FormatException ex)
            {
                throw new CliException(ExitCodes.InvalidRepoFile, $"{relative}: {ex.Message}. Fix the file (the .NET CLI cannot read it either) and run again; nothing was changed.");
            }

            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new FileChange(file, relative, before, after, bom));
            }
        }

        return changes;
    }

    /// <summary>The kit versions global.json files pin now.</summary>
    public static IReadOnlyList<string> CurrentPins(RepoLayout layout) =>
        layout.FindFiles(IsGlobalJson)
            .SelectMany(f => GlobalJson.ReadPins(f).Where(p => KitSdks.IsKitSdk(p.Key)).Select(p => p.Value))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Writes all the changes or none (<see cref="AtomicFileSet"/>); returns the files written, as a user reads them.</summary>
    public static IReadOnlyList<string> Apply(RepoLayout layout, IEnumerable<FileChange> changes)
    {
        var files = new AtomicFileSet(layout.Root);
        foreach (var change in changes)
        {
            var body = new UTF8Encoding(false).GetBytes(change.After);
            files.Stage(change.Path, change.Bom ? [.. Encoding.UTF8.Preamble, .. body] : body);
        }

        return files.Commit();
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

    private static bool IsGlobalJson(string file) => Path.GetFileName(file).Equals("global.json", StringComparison.OrdinalIgnoreCase);

    private static bool IsCandidate(string file) =>
        IsGlobalJson(file) || MSBuildExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);
}
