using System.Text.RegularExpressions;

namespace Platform.Cli.Tests.Sync;

/// <summary>docs/errors.md and docs/cli.md cannot drift from what `platform sync` reports.</summary>
public sealed partial class SyncDocsTests
{
    [Fact]
    public void Every_sync_PLAT_code_the_CLI_raises_has_a_row_in_errors_md()
    {
        var sources = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "sdk", "Platform.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var errors = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "errors.md"));

        var raised = SyncCode().Matches(sources).Select(m => m.Value).ToHashSet();

        Assert.Contains("PLAT0478", raised);
        Assert.Empty(raised.Where(code => !errors.Contains("| " + code + " |", StringComparison.Ordinal)).Order());
    }

    [Theory]
    [InlineData(Platform.Cli.Infrastructure.ExitCodes.SyncConflicts)]
    [InlineData(Platform.Cli.Infrastructure.ExitCodes.TemplateUnavailable)]
    [InlineData(Platform.Cli.Infrastructure.ExitCodes.SyncRefused)]
    public void Every_sync_exit_code_has_a_row_in_cli_md(int code)
    {
        var cli = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));

        Assert.Contains($"\n| {code} | sync: ", cli, StringComparison.Ordinal);
    }

    // The sync range: PLAT0470–PLAT0489.
    [GeneratedRegex(@"PLAT04[78]\d")]
    private static partial Regex SyncCode();
}
