using Platform.Baselines;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Baseline;

/// <summary>
/// `platform baseline --base &lt;ref&gt;`: the pull-request gate. Reads .platform/baseline.json as committed at the
/// merge-base of the ref and HEAD (git), and fails (PLAT0405, exit 12) when the working tree's baseline holds more
/// findings for a project than it did there: a change may shrink the debt, never add to it. The build's own check
/// (PLAT0402) only sees the file's burn-down, which a re-record moves along.
/// </summary>
internal static class BaselineBaseCheck
{
    public static async Task<int> RunAsync(string baselineRoot, BaselineDocument? current, string baseRef, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var mergeBase = await MergeBaseAsync(baselineRoot, baseRef, cancellationToken);
        var before = await CommittedBaselineAsync(baselineRoot, mergeBase, cancellationToken);
        var shortBase = $"{baseRef} (merge-base {mergeBase[..Math.Min(12, mergeBase.Length)]})";
        if (current is null)
        {
            await output.WriteLineAsync($"No baseline in the working tree{(before is null ? string.Empty : $"; {shortBase} had {before.Count} finding(s)")}: nothing can have grown.");
            return ExitCodes.Success;
        }

        if (before is null)
        {
            // The change that adopts the kit introduces the baseline: its size is for the reviewer, not a failure.
            await output.WriteLineAsync($"The baseline is new in this change ({shortBase} had none): {current.Count} finding(s), owner {current.Owner}. Review it as the adoption's debt.");
            return ExitCodes.Success;
        }

        var grown = current.GrownSince(before);
        foreach (var growth in grown)
        {
            await error.WriteLineAsync($"platform: {BaselineCodes.GrownInChange}: the baseline of {growth.Project} grew in this change: {growth.After} finding(s), {growth.Before} at {shortBase}. " +
                "A change may not add to the baseline: fix the new findings (or deviate them with an owner and expiry) and take the file back from the base.");
            foreach (var entry in growth.Added.Take(20))
            {
                await error.WriteLineAsync($"  + {entry.Rule} {entry.File}{(entry.Count > 1 ? $" ×{entry.Count}" : string.Empty)}: {entry.Code}");
            }
        }

        await output.WriteLineAsync(grown.Count == 0
            ? $"The baseline did not grow since {shortBase}: {current.Count} finding(s), {before.Count} there."
            : $"The baseline grew in {grown.Count} project(s) since {shortBase}.");
        return grown.Count == 0 ? ExitCodes.Success : ExitCodes.BaselineGrown;
    }

    private static async Task<string> MergeBaseAsync(string root, string baseRef, CancellationToken cancellationToken)
    {
        var result = await GitAsync(root, ["merge-base", baseRef, "HEAD"], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw Unavailable($"git cannot find the merge-base of '{baseRef}' and HEAD in {root} ({FirstLine(result.Error + result.Output)}). " +
                "Check the ref name, and in CI fetch the history (actions/checkout with fetch-depth: 0) so the base branch is there.");
        }

        return result.Output.Trim();
    }

    /// <summary>The baseline as committed at the commit, or null when the commit has none.</summary>
    private static async Task<BaselineDocument?> CommittedBaselineAsync(string root, string commit, CancellationToken cancellationToken)
    {
        // "<commit>:./path" is relative to the working folder, so a repo nested in a larger git tree works too.
        var spec = $"{commit}:./{BaselineDocument.RelativePath}";
        if ((await GitAsync(root, ["cat-file", "-e", spec], cancellationToken)).ExitCode != 0)
        {
            return null;
        }

        var shown = await GitAsync(root, ["show", spec], cancellationToken);
        if (shown.ExitCode != 0)
        {
            throw Unavailable($"git cannot read {BaselineDocument.RelativePath} at {commit} ({FirstLine(shown.Error)}).");
        }

        return BaselineDocument.Parse(shown.Output, $"{BaselineDocument.RelativePath} at {commit}", out var problem)
            ?? throw Unavailable($"The base's baseline cannot be compared with: {problem!.Code}: {problem.Message}");
    }

    private static Task<ProcessRunnerLite.Result> GitAsync(string root, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunnerLite.RunAsync("git", arguments, root, TimeSpan.FromMinutes(2), cancellationToken, mergeStandardError: false);

    private static CliException Unavailable(string message) => new(ExitCodes.BaselineBaseUnavailable, $"{BaselineCodes.BaseUnavailable}: {message}");

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}
