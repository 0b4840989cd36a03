namespace Platform.Cli.Infrastructure;

/// <summary>
/// Symbolic links inside a repo, resolved the way the operating system does (every path component, relative links
/// against their own folder), so a command edits the real file, and never one outside the repo or behind a loop.
/// </summary>
public static class RepoLinks
{
    private const int MaxHops = 40; // Linux's limit (ELOOP)

    /// <summary>Where a path really leads.</summary>
    /// <param name="Path">The real path (every link resolved); for a dangling link, the missing target.</param>
    /// <param name="Exists">False when a link points at nothing.</param>
    /// <param name="Loop">True when the links form a loop (or chain longer than the system allows).</param>
    public readonly record struct Resolved(string Path, bool Exists, bool Loop);

    public static Resolved Resolve(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var root = System.IO.Path.GetPathRoot(full)!;
        var pending = new Queue<string>(Components(full[root.Length..]));
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Dequeue();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = System.IO.Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = System.IO.Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                if (!System.IO.Path.Exists(next))
                {
                    return new Resolved(System.IO.Path.Join([next, .. pending]), Exists: false, Loop: false);
                }

                current = next;
                continue;
            }

            if (++hops > MaxHops)
            {
                return new Resolved(full, Exists: false, Loop: true);
            }

            // The link's text replaces this component; the rest of the path follows it.
            var rest = pending.ToList();
            pending = new Queue<string>(Components(target).Concat(rest));
            if (System.IO.Path.IsPathRooted(target))
            {
                current = System.IO.Path.GetPathRoot(target)!;
                pending = new Queue<string>(Components(target[current.Length..]).Concat(rest));
            }
        }

        return new Resolved(current, Exists: true, Loop: false);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies under it (both real paths).</summary>
    public static bool IsInside(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var relative = System.IO.Path.GetRelativePath(folder, path);
        return !System.IO.Path.IsPathRooted(relative)
            && !relative.Equals("..", comparison)
            && !relative.StartsWith(".." + System.IO.Path.DirectorySeparatorChar, comparison);
    }

    /// <summary>True for a symbolic link (to a file or a folder), dangling or not.</summary>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static IEnumerable<string> Components(string path) =>
        path.Split([System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
