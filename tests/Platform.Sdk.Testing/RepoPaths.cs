namespace Platform.Sdk.Testing;

/// <summary>Where the kit's sources and the test outputs live.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Scratch space outside the repo, so the repo's own Directory.Build.props and .editorconfig never apply.</summary>
    public static string TempRoot { get; } = CreateTempRoot();

    /// <summary>Binlogs of failed builds are kept here (a CI artifact).</summary>
    public static string FailedBuildLogs { get; } = Path.Combine(Root, "artifacts", "test-results", "binlogs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static string CreateTempRoot()
    {
        var path = Path.Combine(Path.GetTempPath(), "platform-sdk-tests");
        Directory.CreateDirectory(path);
        return path;
    }
}
