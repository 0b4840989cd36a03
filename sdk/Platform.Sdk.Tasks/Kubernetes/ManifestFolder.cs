namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>Replaces a folder's content with a set of files, all or nothing: they are written to a sibling folder first.</summary>
internal static class ManifestFolder
{
    public static bool TryReplace(string directory, IReadOnlyList<(string FileName, string Text)> files, out string error)
    {
        error = string.Empty;
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var staging = target + ".new-" + Guid.NewGuid().ToString("N")[..8];
        var retired = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(staging, name), text.ReplaceLineEndings("\n"));
            }

            if (Directory.Exists(target))
            {
                Directory.Move(target, retired);
            }

            Directory.Move(staging, target);
            TryDelete(retired);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = ex.Message;
            TryDelete(staging);
            if (!Directory.Exists(target) && Directory.Exists(retired))
            {
                try
                {
                    Directory.Move(retired, target);
                }
                catch (IOException)
                {
                    // The previous manifests stay in the .old- folder; the error above says what failed.
                }
            }

            return false;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover staging folder holds no manifest anyone reads.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
