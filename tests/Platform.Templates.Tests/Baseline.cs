namespace Platform.Templates.Tests;

/// <summary>
/// The checked-in file list of one instantiation (Baselines/&lt;template&gt;.&lt;combination&gt;.txt). An unintended file change
/// fails the test; an intended one is recorded by running the tests with PLATFORM_UPDATE_BASELINES=1 and committing the diff.
/// </summary>
public static class Baseline
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "tests", "Platform.Templates.Tests", "Baselines");

    private static bool Updating => Environment.GetEnvironmentVariable("PLATFORM_UPDATE_BASELINES") is "1" or "true";

    /// <summary>Every file under <paramref name="root"/>, relative, with '/' separators, sorted ordinally.</summary>
    public static IReadOnlyList<string> FileList(string root) =>
        System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static void AssertFileList(string name, string root)
    {
        var actual = string.Join('\n', FileList(root)) + "\n";
        var path = Path.Combine(Directory, name + ".txt");
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No baseline {path}. Run the tests with PLATFORM_UPDATE_BASELINES=1 to write it, then review and commit it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(
            expected == actual,
            $"The files of {name} differ from {path} (rerun with PLATFORM_UPDATE_BASELINES=1 if the change is intended).\nExpected:\n{expected}\nActual:\n{actual}");
    }
}
