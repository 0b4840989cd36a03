using Platform.Cli.Infrastructure;

namespace Platform.Cli.Sync;

/// <summary>
/// Sync writes only into a git work tree, so every change it makes can be reviewed (<c>git diff</c>) and undone
/// (<c>git checkout</c>); and only into a clean one, so the team's uncommitted work is never mixed with the template's.
/// </summary>
public static class GitWorkTree
{
    /// <summary>Throws PLAT0473 (exit 20) unless the folder is inside a git work tree.</summary>
    public static async Task EnsureInsideAsync(string folder, CancellationToken cancellationToken)
    {
        var inside = await ProcessRunnerLite.RunAsync("git", ["rev-parse", "--is-inside-work-tree"], folder, TimeSpan.FromMinutes(1), cancellationToken);
        if (inside.ExitCode != 0 || inside.Output.Trim() != "true")
        {
            throw new CliException(ExitCodes.SyncRefused, $"PLAT0473: {folder} is not inside a git work tree. Sync merges the template into the repo's files, " +
                "and git is how the result is reviewed and undone: run it in a clone of the repo (or `git init` and commit first); nothing was changed.");
        }
    }

    /// <summary>Throws PLAT0474 (exit 20) when the folder has uncommitted changes, untracked files included.</summary>
    public static async Task EnsureCleanAsync(string folder, CancellationToken cancellationToken)
    {
        var status = await ProcessRunnerLite.RunAsync("git", ["status", "--porcelain", "--", "."], folder, TimeSpan.FromMinutes(1), cancellationToken);
        var changed = status.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        if (status.ExitCode != 0 || changed.Count > 0)
        {
            // A porcelain line is "XY path": two status letters and a space before the path.
            var paths = changed.Take(5).Select(l => l.Length > 3 ? l[3..] : l);
            throw new CliException(ExitCodes.SyncRefused, $"PLAT0474: the work tree has uncommitted changes ({string.Join(", ", paths)}{(changed.Count > 5 ? ", …" : string.Empty)}). " +
                "Commit or stash them first, so the sync is one reviewable change, or pass --force; nothing was changed.");
        }
    }
}
