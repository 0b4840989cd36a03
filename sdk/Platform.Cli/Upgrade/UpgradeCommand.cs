using System.CommandLine;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary><c>platform upgrade</c>: move the repo's kit pins to a version (all files or none), refresh the lock files, then apply the kit's code fixes (unless --no-fixes).</summary>
public static class UpgradeCommand
{
    public static Command Create(TextWriter output, TextWriter error, Argument<string> path, Option<string?> feed)
    {
        var to = new Option<string?>("--to") { Description = "The kit version to move to (default: the newest in the feed)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the diff; change nothing" };
        var noFixes = new Option<bool>("--no-fixes") { Description = "Do not apply the kit's code fixes after the pins move (by default `dotnet format analyzers` fixes what CI would fail on)" };
        // The default since code fixes run without it; kept so existing scripts still parse.
        var applyFixes = new Option<bool>("--apply-fixes") { Description = "Apply the kit's code fixes (the default)", Hidden = true };
        var diagnostics = new Option<string[]>("--diagnostics") { Description = "Rule ids whose code fixes run (default: every kit rule with a code fix)", DefaultValueFactory = _ => [.. Platform.Governance.RuleCatalogue.WithCodeFix], AllowMultipleArgumentsPerToken = true };
        var prerelease = new Option<bool>("--prerelease") { Description = "Without --to: take the newest version even if it is a prerelease" };
        var command = new Command("upgrade", "Move the repo's Platform SDK pins (global.json msbuild-sdks, Sdk=\"Platform.Sdk*/x\") to a version.")
        {
            path, to, dryRun, noFixes, applyFixes, diagnostics, feed, prerelease,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(noFixes) && parse.GetValue(applyFixes))
            {
                throw new CliException(ExitCodes.Usage, "Pass --no-fixes or --apply-fixes, not both.");
            }

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
            var fixes = !parse.GetValue(noFixes) && layout.Projects.Count > 0;
            if (fixes)
            {
                await ApplyFixesAsync(layout, parse.GetValue(diagnostics)!, output, error, cancellationToken);
            }

            var ciTarget = layout.Solution is not null ? layout.Relative(layout.Solution) : layout.Projects.Count == 1 ? layout.Relative(layout.Projects[0]) : string.Empty;
            await output.WriteLineAsync($"Next: check it builds as CI will: `{$"CI=true dotnet build {ciTarget}".Trim()}`; then commit the pins, lock files{(fixes ? " and fixes" : string.Empty)} together. " +
                (fixes
                    ? "Findings that have no code fix need a human: fix them, or record them with the owner (`platform baseline --record`)."
                    : "Findings of rules the new version turns on need a human: fix them (run without --no-fixes for the kit's code fixes), or record them with the owner (`platform baseline --record`)."));
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
        var before = CodeFixRuns.Stamps(layout);
        foreach (var run in CodeFixRuns.Plan(layout, diagnostics))
        {
            foreach (var target in layout.BuildTargets)
            {
                // warn: the findings CI fails on (warnings are errors there), i.e. after an upgrade those of the rules the new
                // version turns on. Baselined findings are not fixed: their files are excluded from their rule's run.
                var arguments = new List<string> { "format", "analyzers", target, "--severity", "warn", "--diagnostics" };
                arguments.AddRange(run.Rules);
                if (run.Excluded.Count > 0)
                {
                    arguments.Add("--exclude");
                    arguments.AddRange(run.Excluded);
                }

                var result = await ProcessRunnerLite.RunAsync("dotnet", arguments, layout.Root, TimeSpan.FromMinutes(15), cancellationToken);
                if (result.ExitCode != 0)
                {
                    await error.WriteLineAsync(result.Output);
                    throw new CliException(ExitCodes.UpgradeFailed, $"`dotnet {string.Join(' ', arguments)}` failed (exit {result.ExitCode}). " +
                        "The pins and lock files are upgraded; fix the build and run that command again (or `platform upgrade --no-fixes` to skip the fixes).");
                }
            }
        }

        var changed = CodeFixRuns.Changed(layout, before);
        await output.WriteLineAsync(changed.Count == 0
            ? $"Code fixes ({string.Join(", ", diagnostics)}): nothing to fix."
            : $"Code fixes ({string.Join(", ", diagnostics)}) changed {changed.Count} file(s): {string.Join(", ", changed)}; review them with `git diff`.");
    }
}
