using Platform.Cli.Infrastructure;

namespace Platform.Cli.Sync;

/// <summary>What sync does to one file of a template instance.</summary>
public enum SyncAction
{
    /// <summary>Unchanged here since the old template: takes the new template's text.</summary>
    Update,

    /// <summary>Changed here and in the template: both changes merged cleanly.</summary>
    Merge,

    /// <summary>Changed here and in the template on the same lines: written with conflict markers.</summary>
    Conflict,

    /// <summary>New in the template.</summary>
    Add,

    /// <summary>The template dropped it and it was never changed here.</summary>
    Remove,

    /// <summary>Left as it is, and the user must look: the template dropped a file changed here, changed a file deleted
    /// here, or changed a binary file changed here.</summary>
    Keep,

    /// <summary>The stamp: always the new template's, so it names the new version and options.</summary>
    Stamp,
}

/// <summary>One file's outcome: <see cref="Result"/> is what is written (null: removed or left alone).</summary>
public sealed record FileSync(string RelativePath, SyncAction Action, byte[]? Ours, byte[]? Result, int Conflicts = 0, string? Note = null)
{
    public bool Writes => Action is not SyncAction.Keep;
}

/// <summary>
/// The three-way decision for one file: base = the old template rendered with the stamp's options, theirs = the new
/// template rendered the same way, ours = the repo's file (null = absent). Text changed on both sides is merged by
/// <c>git merge-file</c>, which leaves standard conflict markers where both changed the same lines.
/// </summary>
public static class FileMerge
{
    public static async Task<FileSync?> DecideAsync(string relativePath, byte[]? @base, byte[]? ours, byte[]? theirs, MergeLabels labels, string tempDirectory, CancellationToken cancellationToken)
    {
        if (theirs is null)
        {
            return (@base, ours) switch
            {
                (null, _) or (_, null) => null,
                _ when Same(ours, @base) => new FileSync(relativePath, SyncAction.Remove, ours, null),
                _ => new FileSync(relativePath, SyncAction.Keep, ours, null, Note: "the new template no longer has this file, but it was changed here: kept; delete it if it is no longer needed"),
            };
        }

        if (IsStamp(relativePath))
        {
            return Same(ours, theirs) ? null : new FileSync(relativePath, SyncAction.Stamp, ours, theirs);
        }

        if (ours is null)
        {
            return @base is null ? new FileSync(relativePath, SyncAction.Add, null, theirs)
                : Same(@base, theirs) ? null
                : new FileSync(relativePath, SyncAction.Keep, null, null, Note: "deleted here, but the new template changed it: left deleted; compare with a fresh `dotnet new` if you need the change");
        }

        if (Same(ours, theirs) || (@base is not null && Same(@base, theirs)))
        {
            return null; // Already the template's text, or the template did not change it: the team's text stays.
        }

        if (@base is not null && Same(ours, @base))
        {
            return new FileSync(relativePath, SyncAction.Update, ours, theirs);
        }

        if (IsBinary(ours) || IsBinary(theirs) || (@base is not null && IsBinary(@base)))
        {
            return new FileSync(relativePath, SyncAction.Keep, ours, null, Note: "a binary file changed here and in the template: kept; take the template's with a fresh `dotnet new` if you want it");
        }

        var (merged, conflicts) = await MergeFileAsync(ours, @base ?? [], theirs, labels, tempDirectory, cancellationToken);
        return new FileSync(relativePath, conflicts == 0 ? SyncAction.Merge : SyncAction.Conflict, ours, merged, conflicts);
    }

    /// <summary>True for a template stamp (<c>.platform/template.json</c>), which sync owns.</summary>
    public static bool IsStamp(string relativePath) => relativePath == ".platform/template.json" || relativePath.EndsWith("/.platform/template.json", StringComparison.Ordinal);

    /// <summary><c>git merge-file</c> on temp copies: the merged bytes and the number of conflicts.</summary>
    private static async Task<(byte[] Merged, int Conflicts)> MergeFileAsync(byte[] ours, byte[] @base, byte[] theirs, MergeLabels labels, string tempDirectory, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(tempDirectory, "merge-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var (current, ancestor, other) = (Path.Combine(folder, "current"), Path.Combine(folder, "base"), Path.Combine(folder, "other"));
        await File.WriteAllBytesAsync(current, ours, cancellationToken);
        await File.WriteAllBytesAsync(ancestor, @base, cancellationToken);
        await File.WriteAllBytesAsync(other, theirs, cancellationToken);
        var result = await ProcessRunnerLite.RunAsync(
            "git", ["merge-file", "-L", labels.Current, "-L", labels.Base, "-L", labels.Other, current, ancestor, other], folder, TimeSpan.FromMinutes(1), cancellationToken);

        // The exit code is the number of conflicts (capped at 127); negative (255 and so on) is an error.
        if (result.ExitCode is < 0 or > 127)
        {
            throw new CliException(ExitCodes.SyncRefused, $"PLAT0479: `git merge-file` failed (exit {result.ExitCode}): {result.Output.Trim()} Check that git is installed and on PATH; nothing was changed.");
        }

        return (await File.ReadAllBytesAsync(current, cancellationToken), result.ExitCode);
    }

    private static bool Same(byte[]? a, byte[]? b) => a is not null && b is not null && a.AsSpan().SequenceEqual(b);

    private static bool IsBinary(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0);
}

/// <summary>The names on the conflict markers: <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; Current</c>, <c>||||||| Base</c>, <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt; Other</c>.</summary>
public sealed record MergeLabels(string Current, string Base, string Other);
