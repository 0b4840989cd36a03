namespace Platform.Governance;

/// <summary>
/// Paths as MSBuild evaluates them. MSBuild writes both separators ('obj\' is the SDK's BaseIntermediateOutputPath on
/// every OS) and accepts either; the file system on Linux and macOS does not. Every path read from an evaluation goes
/// through <see cref="Resolve"/> before it touches the disk.
/// </summary>
public static class MSBuildPath
{
    /// <summary>Both separators become the platform's.</summary>
    public static string Normalize(string path) =>
        path.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);

    /// <summary>The full path of an evaluated (possibly relative, possibly backslashed) path, relative to <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string baseDirectory, string path) =>
        Path.GetFullPath(Normalize(path.Trim()), baseDirectory);
}
