using System.Text;
using Platform.Cli.Sync;

namespace Platform.Cli.Tests.Sync;

/// <summary>The three-way decision for one file (base = old template, ours = the repo, theirs = new template), through real `git merge-file`.</summary>
public sealed class FileMergeTests
{
    private static readonly MergeLabels Labels = new("current", "platform-api 1.0.0", "platform-api 1.1.0");

    [Fact]
    public async Task An_untouched_file_takes_the_new_template_text()
    {
        var result = await Decide("a.txt", "one\n", "one\n", "two\n");

        Assert.Equal(SyncAction.Update, result!.Action);
        Assert.Equal("two\n", Text(result.Result));
    }

    [Fact]
    public async Task A_file_the_template_did_not_change_keeps_the_team_text()
    {
        Assert.Null(await Decide("a.txt", "one\n", "ours\n", "one\n"));
    }

    [Fact]
    public async Task Changes_on_separate_lines_merge_cleanly()
    {
        var result = await Decide("a.txt", "1\n2\n3\n4\n5\n", "1 ours\n2\n3\n4\n5\n", "1\n2\n3\n4\n5 theirs\n");

        Assert.Equal(SyncAction.Merge, result!.Action);
        Assert.Equal("1 ours\n2\n3\n4\n5 theirs\n", Text(result.Result));
    }

    [Fact]
    public async Task The_same_line_changed_on_both_sides_is_a_conflict_with_standard_markers()
    {
        var result = await Decide("a.txt", "1\n2\n3\n", "1\nours\n3\n", "1\ntheirs\n3\n");

        Assert.Equal(SyncAction.Conflict, result!.Action);
        Assert.Equal(1, result.Conflicts);
        Assert.Equal("1\n<<<<<<< current\nours\n=======\ntheirs\n>>>>>>> platform-api 1.1.0\n3\n", Text(result.Result));
    }

    [Fact]
    public async Task A_file_dropped_by_the_template_is_removed_only_when_unchanged()
    {
        var untouched = await Decide("a.txt", "same\n", "same\n", null);
        var changed = await Decide("a.txt", "same\n", "ours\n", null);

        Assert.Equal(SyncAction.Remove, untouched!.Action);
        Assert.Null(untouched.Result);
        Assert.Equal(SyncAction.Keep, changed!.Action);
        Assert.False(changed.Writes);
    }

    [Fact]
    public async Task A_new_template_file_is_added_and_one_the_team_deleted_stays_deleted_unless_the_template_changed_it()
    {
        Assert.Equal(SyncAction.Add, (await Decide("a.txt", null, null, "new\n"))!.Action);
        Assert.Null(await Decide("a.txt", "old\n", null, "old\n"));
        Assert.Equal(SyncAction.Keep, (await Decide("a.txt", "old\n", null, "changed\n"))!.Action);
    }

    [Fact]
    public async Task A_stamp_always_takes_the_new_template_text()
    {
        var result = await Decide("src/A/.platform/template.json", "{\"v\":1}\n", "{ \"v\": 1 }\n", "{\"v\":2}\n");

        Assert.Equal(SyncAction.Stamp, result!.Action);
        Assert.Equal("{\"v\":2}\n", Text(result.Result));
    }

    [Fact]
    public async Task A_binary_file_changed_on_both_sides_is_kept_not_merged()
    {
        var result = await FileMerge.DecideAsync("a.bin", [0, 1], [0, 2], [0, 3], Labels, Directory.CreateTempSubdirectory("sync-merge-").FullName, CancellationToken.None);

        Assert.Equal(SyncAction.Keep, result!.Action);
    }

    private static Task<FileSync?> Decide(string path, string? @base, string? ours, string? theirs) =>
        FileMerge.DecideAsync(path, Bytes(@base), Bytes(ours), Bytes(theirs), Labels, Directory.CreateTempSubdirectory("sync-merge-").FullName, CancellationToken.None);

    private static byte[]? Bytes(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);
}
