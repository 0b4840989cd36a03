using Platform.Cli.Infrastructure;

namespace Platform.Cli.Tests.Infrastructure;

/// <summary>A multi-file edit changes all files or none, leaves no temp file, and follows links only inside the repo.</summary>
public sealed class AtomicFileSetTests
{
    [Fact]
    public void A_failed_rename_puts_back_the_files_already_replaced_and_leaves_no_temp_file()
    {
        var root = NewRepo();
        var first = Write(root, "a/global.json", "old a");
        var second = Write(root, "b/B.csproj", "old b");
        var files = new AtomicFileSet(root);
        files.Stage(first, "new a"u8.ToArray());
        files.Stage(second, "new b"u8.ToArray());

        // Between planning and writing, the second target becomes a folder: its rename fails after the first succeeded.
        File.Delete(second);
        Directory.CreateDirectory(Path.Combine(second, "x"));

        var error = Assert.Throws<CliException>(files.Commit);

        Assert.Equal(ExitCodes.IoError, error.ExitCode);
        Assert.Contains("b/B.csproj", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal("old a", File.ReadAllText(first));
        Assert.Empty(TempFiles(root));
    }

    [Fact]
    public void A_read_only_file_stops_the_change_before_anything_is_written()
    {
        var root = NewRepo();
        var first = Write(root, "global.json", "old");
        var locked = Write(root, "src/Api/Api.csproj", "old");
        File.SetAttributes(locked, FileAttributes.ReadOnly);
        var files = new AtomicFileSet(root);
        files.Stage(first, "new"u8.ToArray());

        var error = Assert.Throws<CliException>(() => files.Stage(locked, "new"u8.ToArray()));

        Assert.Equal(ExitCodes.IoError, error.ExitCode);
        Assert.Contains("src/Api/Api.csproj is read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(first));
    }

    [Fact]
    public void A_link_is_edited_at_its_target_and_stays_a_link()
    {
        var root = NewRepo();
        var shared = Write(root, "shared/global.json", "old");
        var link = Path.Combine(root, "global.json");
        File.CreateSymbolicLink(link, Path.Combine("shared", "global.json"));
        var files = new AtomicFileSet(root);
        files.Stage(link, "new"u8.ToArray());

        var written = files.Commit();

        Assert.Equal(["global.json -> shared/global.json"], written);
        Assert.Equal("new", File.ReadAllText(shared));
        Assert.Equal(Path.Combine("shared", "global.json"), new FileInfo(link).LinkTarget);
        Assert.Empty(TempFiles(root));
    }

    [Fact]
    public void A_link_out_of_the_repo_or_into_a_loop_is_refused()
    {
        var outside = Write(NewRepo(), "global.json", "shared");
        var root = NewRepo();
        File.CreateSymbolicLink(Path.Combine(root, "global.json"), outside);
        File.CreateSymbolicLink(Path.Combine(root, "a.props"), Path.Combine(root, "b.props"));
        File.CreateSymbolicLink(Path.Combine(root, "b.props"), Path.Combine(root, "a.props"));
        var files = new AtomicFileSet(root);

        Assert.Contains("outside the repo", Assert.Throws<CliException>(() => files.Stage(Path.Combine(root, "global.json"), [])).Message, StringComparison.Ordinal);
        Assert.Contains("loops", Assert.Throws<CliException>(() => files.Stage(Path.Combine(root, "a.props"), [])).Message, StringComparison.Ordinal);
        Assert.Equal("shared", File.ReadAllText(outside));
    }

    [Fact]
    public void Removals_and_new_files_in_new_folders_are_part_of_the_one_change()
    {
        var root = NewRepo();
        var removed = Write(root, "src/Api/appsettings.Development.json", "{}");
        var edited = Write(root, ".editorconfig", "old");
        var files = new AtomicFileSet(root);
        files.StageDelete(removed);
        files.Stage(edited, "new"u8.ToArray());
        files.Stage(Path.Combine(root, ".github", "ISSUE_TEMPLATE", "bug.md"), "bug"u8.ToArray());

        files.Commit();

        Assert.False(File.Exists(removed));
        Assert.Equal("new", File.ReadAllText(edited));
        Assert.Equal("bug", File.ReadAllText(Path.Combine(root, ".github", "ISSUE_TEMPLATE", "bug.md")));
        Assert.Empty(TempFiles(root));
    }

    [Fact]
    public void A_failed_change_puts_back_a_removed_file_and_drops_the_folders_it_created()
    {
        var root = NewRepo();
        var removed = Write(root, "a.json", "keep me");
        var second = Write(root, "b/B.csproj", "old b");
        var files = new AtomicFileSet(root);
        files.Stage(Path.Combine(root, "new", "folder", "c.txt"), "c"u8.ToArray());
        files.Stage(second, "new b"u8.ToArray());
        files.StageDelete(removed);

        // The second target becomes a folder before the commit: its rename fails after the first file was written.
        File.Delete(second);
        Directory.CreateDirectory(Path.Combine(second, "x"));

        Assert.Throws<CliException>(files.Commit);

        Assert.Equal("keep me", File.ReadAllText(removed));
        Assert.False(Directory.Exists(Path.Combine(root, "new")));
        Assert.Empty(TempFiles(root));
    }

    internal static string NewRepo()
    {
        var root = Path.Combine(RepoPaths.TempRoot, "repos", "cli-atomic-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        return root;
    }

    internal static string Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    internal static IEnumerable<string> TempFiles(string root) =>
        Directory.EnumerateFiles(root, "*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 });
}
