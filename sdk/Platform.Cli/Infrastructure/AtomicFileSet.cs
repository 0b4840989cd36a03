namespace Platform.Cli.Infrastructure;

/// <summary>
/// Edits several files of a repo as one change: all of them or none. <see cref="Stage"/> collects the new contents
/// (following a symbolic link to the real file, refusing one that dangles, loops or leaves the repo, and a read-only
/// file); <see cref="Commit"/> writes every file to a temp file next to it, then renames them over the originals, and
/// puts back what was already renamed when a later rename fails. No temp file survives, whatever happens.
/// <see cref="StageDelete"/> adds a removal to the same change; a new file's missing folders are created (and removed
/// again when the change fails).
/// </summary>
public sealed class AtomicFileSet(string repoRoot)
{
    private readonly string _root = Path.GetFullPath(repoRoot);
    private readonly string _realRoot = RepoLinks.Resolve(repoRoot).Path;
    private readonly List<StagedFile> _staged = [];

    /// <summary>One file of the change.</summary>
    /// <param name="Path">The path as the command found it (maybe a link).</param>
    /// <param name="Target">The real file that is written.</param>
    /// <param name="Content">The new bytes; null: the file is removed.</param>
    /// <param name="Original">Its bytes now (null: the file is new), to put back on failure.</param>
    private sealed record StagedFile(string Path, string Target, byte[]? Content, byte[]? Original);

    /// <summary>The files staged so far, as the repo-relative paths a user reads ("global.json -> shared/global.json" for a link).</summary>
    public IReadOnlyList<string> Describe() => _staged.Select(Describe).ToList();

    /// <summary>Adds a file to the change. Throws <see cref="CliException"/> (I/O) naming the path and the fix; nothing is written yet.</summary>
    public void Stage(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var resolved = RepoLinks.Resolve(full);
        var shown = Relative(full);
        if (resolved.Loop)
        {
            throw new CliException(ExitCodes.IoError, $"{shown} is a symbolic link that loops back on itself. Point it at a real file (or remove it) and run again; nothing was changed.");
        }

        if (!RepoLinks.IsInside(resolved.Path, _realRoot))
        {
            throw new CliException(ExitCodes.IoError, $"{shown} leads outside the repo (to {resolved.Path}). Edit that file in its own repo, or replace the link with a copy, and run again; nothing was changed.");
        }

        byte[]? original = null;
        if (File.Exists(resolved.Path))
        {
            if ((File.GetAttributes(resolved.Path) & FileAttributes.ReadOnly) != 0)
            {
                throw new CliException(ExitCodes.IoError, $"{Relative(resolved.Path)} is read-only. Make it writable (chmod u+w, or check it out for edit) and run again; nothing was changed.");
            }

            original = File.ReadAllBytes(resolved.Path);
        }
        else if (!string.Equals(full, resolved.Path, StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.IoError, $"{shown} is a symbolic link to {resolved.Path}, which does not exist. Fix the link or remove it, and run again; nothing was changed.");
        }

        if (_staged.Any(s => string.Equals(s.Target, resolved.Path, StringComparison.Ordinal)))
        {
            return; // Two links to one file: written once.
        }

        _staged.Add(new StagedFile(full, resolved.Path, content, original));
    }

    /// <summary>Adds the removal of a file to the change (a link is refused: remove it by hand). Nothing is deleted yet.</summary>
    public void StageDelete(string path)
    {
        var full = Path.GetFullPath(path);
        if (new FileInfo(full).LinkTarget is not null)
        {
            throw new CliException(ExitCodes.IoError, $"{Relative(full)} is a symbolic link; the change would remove it. Remove it yourself (or replace it with a copy) and run again; nothing was changed.");
        }

        if (!File.Exists(full) || _staged.Any(s => string.Equals(s.Target, full, StringComparison.Ordinal)))
        {
            return;
        }

        if ((File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
        {
            throw new CliException(ExitCodes.IoError, $"{Relative(full)} is read-only. Make it writable (chmod u+w, or check it out for edit) and run again; nothing was changed.");
        }

        _staged.Add(new StagedFile(full, full, null, File.ReadAllBytes(full)));
    }

    /// <summary>Writes every staged file, or none. Returns what was written (see <see cref="Describe()"/>).</summary>
    public IReadOnlyList<string> Commit()
    {
        var temps = new List<(StagedFile File, string Temp)>();
        var createdFolders = new List<string>();
        try
        {
            foreach (var file in _staged.Where(f => f.Content is not null))
            {
                createdFolders.AddRange(CreateFolders(Path.GetDirectoryName(file.Target)!));
                temps.Add((file, WriteTemp(file.Target, file.Content!)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteAll(temps.Select(t => t.Temp));
            DeleteFolders(createdFolders);
            var failed = _staged.Where(f => f.Content is not null).ElementAt(temps.Count);
            throw new CliException(ExitCodes.IoError, $"Could not write next to {Relative(failed.Target)}: {ex.Message} Make its folder writable (or free disk space) and run again; nothing was changed.");
        }

        // A removal moves the file aside (to a hidden temp name) with the other renames; the temp goes when all succeeded.
        var removed = new List<string>();
        var renamed = new List<StagedFile>();
        foreach (var (file, temp) in temps.Concat(_staged.Where(f => f.Content is null).Select(f => (f, TempName(f.Target)))))
        {
            try
            {
                if (file.Content is null)
                {
                    File.Move(file.Target, temp);
                    removed.Add(temp);
                }
                else
                {
                    File.Move(temp, file.Target, overwrite: true);
                }

                renamed.Add(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DeleteAll(temps.Select(t => t.Temp).Concat(removed));
                var notRestored = RollBack(renamed);
                DeleteFolders(createdFolders);
                throw new CliException(ExitCodes.IoError, $"Could not replace {Relative(file.Target)}: {ex.Message} " + (notRestored.Count == 0
                    ? "Nothing was changed (the files already replaced were put back). Fix the cause and run again."
                    : $"Could not put back {string.Join(", ", notRestored)}: restore them with `git checkout -- <file>`."));
            }
        }

        DeleteAll(removed);
        return Describe();
    }

    private static string TempName(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..8] + ".platform.tmp");

    /// <summary>Creates the folder and its missing parents; returns the ones created, deepest first.</summary>
    private static List<string> CreateFolders(string folder)
    {
        var missing = new List<string>();
        for (var dir = folder; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Add(dir);
        }

        Directory.CreateDirectory(folder);
        return missing;
    }

    private static void DeleteFolders(IEnumerable<string> folders)
    {
        foreach (var folder in folders.OrderByDescending(f => f.Length))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: an empty folder left behind changes no file.
            }
        }
    }

    private static string WriteTemp(string target, byte[] content)
    {
        var temp = TempName(target);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }

            return temp;
        }
        catch
        {
            DeleteAll([temp]);
            throw;
        }
    }

    /// <summary>Puts the originals back; returns the files that could not be.</summary>
    private List<string> RollBack(IEnumerable<StagedFile> renamed)
    {
        var failed = new List<string>();
        foreach (var file in renamed)
        {
            try
            {
                if (file.Original is null)
                {
                    File.Delete(file.Target);
                }
                else
                {
                    var temp = WriteTemp(file.Target, file.Original);
                    File.Move(temp, file.Target, overwrite: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed.Add(Relative(file.Target));
            }
        }

        return failed;
    }

    private static void DeleteAll(IEnumerable<string> temps)
    {
        foreach (var temp in temps)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the name is hidden and unique; the message above already says the change failed.
            }
        }
    }

    private string Describe(StagedFile file)
    {
        var shown = Relative(file.Path);
        var target = Relative(file.Target);
        return shown == target ? shown : $"{shown} -> {target}";
    }

    private string Relative(string path)
    {
        foreach (var root in (string[])[_root, _realRoot])
        {
            if (RepoLinks.IsInside(path, root))
            {
                return Path.GetRelativePath(root, path).Replace('\\', '/');
            }
        }

        return path;
    }
}
