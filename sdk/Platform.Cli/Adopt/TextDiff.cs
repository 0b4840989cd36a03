namespace Platform.Cli.Adopt;

/// <summary>A one-hunk unified diff per file (common leading and trailing lines trimmed): enough to review adopt's and sync's edits.
/// A null side is a file that does not exist (added or removed).</summary>
internal static class TextDiff
{
    public static void Write(string relativePath, string? before, string? after, TextWriter output)
    {
        var old = before is null ? [] : Lines(before);
        var @new = after is null ? [] : Lines(after);
        var prefix = 0;
        while (prefix < old.Length && prefix < @new.Length && old[prefix] == @new[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < old.Length - prefix && suffix < @new.Length - prefix && old[^(suffix + 1)] == @new[^(suffix + 1)])
        {
            suffix++;
        }

        output.WriteLine(before is null ? "--- /dev/null" : $"--- a/{relativePath}");
        output.WriteLine(after is null ? "+++ /dev/null" : $"+++ b/{relativePath}");
        output.WriteLine($"@@ -{prefix + 1},{old.Length - prefix - suffix} +{prefix + 1},{@new.Length - prefix - suffix} @@");
        foreach (var line in old[prefix..^suffix])
        {
            output.WriteLine("-" + line);
        }

        foreach (var line in @new[prefix..^suffix])
        {
            output.WriteLine("+" + line);
        }
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
