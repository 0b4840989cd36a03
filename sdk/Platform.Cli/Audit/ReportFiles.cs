using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

/// <summary>
/// Writes the audit's files (--output, --facts) all or nothing: each goes to a temporary file next to its target, and
/// only when every one is written are they moved into place. A missing folder is created; a target that is a folder
/// or cannot be written is an I/O error naming the path and the fix (exit <see cref="ExitCodes.IoError"/>).
/// </summary>
public static class ReportFiles
{
    public static void WriteAll(IReadOnlyList<(string Option, string Path, string Content)> files)
    {
        var staged = new List<(string Temp, string Target)>();
        var (currentOption, currentTarget) = (files[0].Option, files[0].Path);
        try
        {
            foreach (var (option, path, content) in files)
            {
                var target = Resolve(option, path);
                (currentOption, currentTarget) = (option, target);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = target + ".platform-" + Guid.NewGuid().ToString("N")[..8] + ".tmp";
                staged.Add((temp, target));
                File.WriteAllText(temp, content);
            }

            foreach (var (temp, target) in staged)
            {
                currentTarget = target;
                File.Move(temp, target, overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            foreach (var (temp, _) in staged)
            {
                TryDelete(temp);
            }

            throw new CliException(ExitCodes.IoError,
                $"{currentOption} '{currentTarget}' could not be written ({ex.Message}). No report file was written. Choose a writable file path for {currentOption}, or fix the folder's permissions.");
        }
    }

    private static string Resolve(string option, string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliException(ExitCodes.Usage, $"{option} '{path}' is not a valid file path ({ex.Message}).");
        }

        if (Directory.Exists(full))
        {
            throw new CliException(ExitCodes.IoError, $"{option} '{full}' is a folder. Pass a file path, e.g. {option} {Path.Combine(path, "platform-audit.json")}.");
        }

        return full;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error is the one to report.
        }
    }
}
