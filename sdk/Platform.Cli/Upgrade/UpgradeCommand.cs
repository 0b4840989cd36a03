using System.CommandLine;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary><c>platform upgrade</c>: move the repo's kit pins to a version (all files or none), then optionally apply the kit's code fixes.</summary>
public static class UpgradeCommand
{
    public static Command Create(TextWriter output, TextWriter error, Argument<string> path, Option<string?> feed)
    {
        var to = new Option<string?>("--to") { Description = "The kit version to move to (default: the newest in the feed)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the diff; change nothing" };
        var applyFixes = new Option<bool>("--apply-fixes") { Description = "Then run `dotnet format analyzers --diagnostics PLAT…` with the kit's code fixes" };
        var diagnostics = new Option<string[]>("--diagnostics") { Description = "Rule ids for --apply-fixes", DefaultValueFactory = _ => [.. Platform.Governance.RuleCatalogue.WithCodeFix], AllowMultipleArgumentsPerToken = true };
        var prerelease = new Option<bool>("--prerelease") { Description = "Without --to: take the newest version even if it is a prerelease" };
        var command = new Command("upgrade", "Move the repo's Platform SDK pins (global.json msbuild-sdks, Sdk=\"Platform.Sdk*/x\") to a version.")
        {
            path, to, dryRun, applyFixes, diagnostics, feed, prerelease,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Checked before anything else: a bad --to is a usage error whatever the repo holds.
            var requested = parse.GetValue(to) is { } text ? KitVersion.Parse(text) : (KitVersion?)null;
            var layout = RepoLayout.Discover(parse.GetValue(path), requireProjects: false);
            MSBuildHost.EnsureRegistered(layout.Root);
            var version = requested ?? await NewestInFeedAsync(layout, parse.GetValue(feed), parse.GetValue(prerelease), cancellationToken);

            var changes = Upgrader.Plan(layout, version);
            if (changes.Count == 0)
            {
                await output.WriteLineAsync(Upgrader.CurrentPins(layout).Count == 0
                    ? "Nothing to upgrade: no Platform.Sdk* pin in global.json and no versioned Sdk=\"Platform.Sdk*/x\" reference."
                    : $"Already on {version}: nothing to change.");
                return ExitCodes.Success;
            }

            Upgrader.WriteDiff(changes, output);
            if (parse.GetValue(dryRun))
            {
                await output.WriteLineAsync($"Dry run: {changes.Count} file(s) would move to Platform SDK {version}; nothing was written.");
                return ExitCodes.Success;
            }

            var written = Upgrader.Apply(layout, changes);
            await output.WriteLineAsync($"Moved {written.Count} file(s) to Platform SDK {version}: {string.Join(", ", written)}.");
            var locks = await LockFileRefresh.RunAsync(layout, cancellationToken);
            if (!locks.Succeeded)
            {
                Upgrader.Apply(layout, changes.Select(c => c with { After = c.Before }));
                await error.WriteLineAsync(locks.Output);
                throw new CliException(ExitCodes.BuildFailed, $"Restoring with the new pins failed (output above), so the upgrade was rolled back: the repo is as it was. Check that the feed carries {version} (`platform doctor`).");
            }

            await output.WriteLineAsync(locks.Changed.Count == 0
                ? "Lock files: none to update."
                : $"Updated {locks.Changed.Count} lock file(s) (restore --force-evaluate): {string.Join(", ", locks.Changed)}.");
            if (parse.GetValue(applyFixes))
            {
                await ApplyFixesAsync(layout, parse.GetValue(diagnostics)!, output, error, cancellationToken);
            }

            var ciTarget = layout.Solution is not null ? layout.Relative(layout.Solution) : layout.Projects.Count == 1 ? layout.Relative(layout.Projects[0]) : string.Empty;
            await output.WriteLineAsync($"Next: check it builds as CI will: `{$"CI=true dotnet build {ciTarget}".Trim()}`; then commit the pins and lock files together. " +
                "Findings of rules the new version turns on need a human: fix them (`--apply-fixes` runs the kit's code fixes), or record them with the owner (`platform baseline --record`).");
            var drifted = Audit.TemplateDrift.FindAll(layout).Count(f => Audit.TemplateDrift.Read(layout, f, version.Value).Status == "outdated");
            if (drifted > 0)
            {
                // The pins moved, not the files the templates wrote (workflow, .editorconfig, Program.cs): that is sync's job.
                await output.WriteLineAsync($"Template drift: {drifted} template stamp(s) are older than {version}. `platform sync --template-version {version}` merges the newer templates into the files they made.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<KitVersion> NewestInFeedAsync(RepoLayout layout, string? feed, bool prerelease, CancellationToken cancellationToken)
    {
        var snapshot = await FeedClient.ReadAsync(layout.Root, feed, [FeedClient.SdkPackageId], TimeSpan.FromSeconds(20), cancellationToken);
        var newest = KitVersions.Newest(snapshot.VersionsOf(FeedClient.SdkPackageId), prerelease)
            ?? throw new CliException(ExitCodes.FeedUnavailable, "No Platform.Sdk version found in the feed" +
                (snapshot.Errors.Count > 0 ? ": " + string.Join(" ", snapshot.Errors) : $" ({string.Join(", ", snapshot.Sources)})") + ". Pass --to <version> or --feed <url-or-folder>.");
        return KitVersion.Parse(newest, "The feed's newest version");
    }

    private static async Task ApplyFixesAsync(RepoLayout layout, string[] diagnostics, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var targets = layout.BuildTargets;
        foreach (var target in targets)
        {
            var arguments = new List<string> { "format", "analyzers", target, "--severity", "info", "--diagnostics" };
            arguments.AddRange(diagnostics);
            var result = await ProcessRunnerLite.RunAsync("dotnet", arguments, layout.Root, TimeSpan.FromMinutes(15), cancellationToken);
            if (result.ExitCode != 0)
            {
                await error.WriteLineAsync(result.Output);
                throw new CliException(ExitCodes.UpgradeFailed, $"`dotnet {string.Join(' ', arguments)}` failed (exit {result.ExitCode}). The pins are upgraded; fix the build and run it again.");
            }
        }

        await output.WriteLineAsync($"Applied code fixes for {string.Join(", ", diagnostics)}; review them with `git diff`.");
    }
}
