using System.CommandLine;
using Platform.Cli.Audit;
using Platform.Cli.Doctor;
using Platform.Cli.Infrastructure;
using Platform.Cli.Upgrade;
using Spectre.Console;

namespace Platform.Cli;

/// <summary>The `platform` command line. <see cref="RunAsync"/> is the entry point, in-process callers included (tests).</summary>
public static class PlatformCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false, CancellationToken cancellationToken = default)
    {
        var root = BuildCommand(output, error, interactive);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync("platform: " + parseError.Message);
            }

            await error.WriteLineAsync("Run `platform --help` for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync("platform: " + ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("platform: cancelled.");
            return 130;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"platform: internal error: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("PLATFORM_CLI_DEBUG") == "1")
            {
                await error.WriteLineAsync(ex.ToString());
            }
            else
            {
                await error.WriteLineAsync("Set PLATFORM_CLI_DEBUG=1 for the stack trace, and report it to the platform team.");
            }

            return ExitCodes.InternalError;
        }
    }

    private static RootCommand BuildCommand(TextWriter output, TextWriter error, bool interactive)
    {
        var root = new RootCommand("platform: audit a repo's golden-path compliance and kit drift, upgrade its Platform SDK pins, check its setup.");
        root.Subcommands.Add(AuditCommand(output, error, interactive));
        root.Subcommands.Add(UpgradeCommand(output, error));
        root.Subcommands.Add(DoctorCommand(output));
        root.Subcommands.Add(Baseline.BaselineCommand.Create(output, error));
        return root;
    }

    private static Argument<string> PathArgument() => new("path")
    {
        Description = "Repo folder, .sln/.slnx or project file (default: the current folder)",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => ".",
    };

    private static Option<string?> FeedOption() => new("--feed")
    {
        Description = "Feed URL (NuGet V3/V2) or folder to compare versions with (default: the repo's NuGet.config sources for Platform.*)",
    };

    private static Command AuditCommand(TextWriter output, TextWriter error, bool interactive)
    {
        var path = PathArgument();
        var format = new Option<string>("--format", "-f") { Description = "table | json | markdown | sarif | techinsights", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(AuditFormatters.Formats);
        var minLevel = new Option<string?>("--min-level") { Description = "Exit 1 when any project is below this level (the CI gate): gold | silver | bronze" };
        minLevel.AcceptOnlyFromAmong(Levels.Gold, Levels.Silver, Levels.Bronze);
        var recordsOnly = new Option<bool>("--records-only") { Description = "Read the build records only; do not evaluate projects (fast)" };
        var feed = FeedOption();
        var offline = new Option<bool>("--offline") { Description = "Do not read any feed (drift is judged against the newest version in the repo)" };
        var configuration = new Option<string?>("--configuration", "-c") { Description = "Use the records of this configuration (default: the most recently built)" };
        var prerelease = new Option<bool>("--prerelease") { Description = "Count prerelease kit versions as newest even when a stable one exists" };
        var facts = new Option<string?>("--facts") { Description = "Also write a Backstage Tech Insights facts file here" };
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of stdout" };

        var command = new Command("audit", "Scorecard of every project: kind, SDK version and drift, level, deviations, findings; template drift.")
        {
            path, format, minLevel, recordsOnly, feed, offline, configuration, prerelease, facts, outputFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var layout = RepoLayout.Discover(parse.GetValue(path));
            MSBuildHost.EnsureRegistered(layout.Root);
            var options = new AuditOptions(
                parse.GetValue(minLevel), parse.GetValue(recordsOnly), parse.GetValue(feed), parse.GetValue(offline),
                parse.GetValue(configuration), parse.GetValue(prerelease));
            var report = await RunAuditWithProgressAsync(layout, options, error, interactive, cancellationToken);

            var target = parse.GetValue(outputFile);
            if (target is null)
            {
                AuditFormatters.Write(report, parse.GetValue(format)!, output);
            }
            else
            {
                await using var writer = new StreamWriter(target);
                AuditFormatters.Write(report, parse.GetValue(format)!, writer);
            }

            if (parse.GetValue(facts) is { } factsFile)
            {
                await using var writer = new StreamWriter(factsFile);
                AuditFormatters.Write(report, "techinsights", writer);
            }

            if (report.Summary.EvaluationErrors > 0)
            {
                await error.WriteLineAsync($"platform: {report.Summary.EvaluationErrors} project(s) did not evaluate: " +
                    string.Join("; ", report.Projects.Where(p => p.EvaluationError is not null).Select(p => $"{p.Path}: {p.EvaluationError!.Split('\n')[0]}")));
                return ExitCodes.EvaluationFailed;
            }

            if (report.Summary.BelowMinLevel > 0)
            {
                await error.WriteLineAsync($"platform: {report.Summary.BelowMinLevel} project(s) below --min-level {report.Summary.MinLevel}: " +
                    string.Join(", ", report.Projects.Where(p => p.BelowMinLevel).Select(p => $"{p.Path} ({p.Level})")));
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<AuditReport> RunAuditWithProgressAsync(RepoLayout layout, AuditOptions options, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        var verb = options.RecordsOnly ? "Reading records" : "Evaluating";
        if (interactive)
        {
            AuditReport? report = null;
            await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask($"{verb} {layout.Projects.Count} project(s)", maxValue: layout.Projects.Count);
                var progress = new Progress<ScanProgress>(p => task.Value = p.Done);
                report = await AuditRunner.RunAsync(layout, options, progress, cancellationToken);
                task.Value = layout.Projects.Count;
            });
            return report!;
        }

        // Redirected: a plain line every tenth of the way (only for scans long enough to need one), on stderr.
        var step = Math.Max(25, layout.Projects.Count / 10);
        var plain = layout.Projects.Count >= 50
            ? new SynchronousProgress(p =>
            {
                if (p.Done % step == 0 || p.Done == p.Total)
                {
                    lock (error)
                    {
                        error.WriteLine($"platform: {verb.ToLowerInvariant()} {p.Done}/{p.Total}");
                    }
                }
            })
            : null;
        return await AuditRunner.RunAsync(layout, options, plain, cancellationToken);
    }

    private sealed class SynchronousProgress(Action<ScanProgress> report) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => report(value);
    }

    private static Command UpgradeCommand(TextWriter output, TextWriter error)
    {
        var path = PathArgument();
        var to = new Option<string?>("--to") { Description = "The kit version to move to (default: the newest in the feed)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the diff; change nothing" };
        var applyFixes = new Option<bool>("--apply-fixes") { Description = "Then run `dotnet format analyzers --diagnostics PLAT…` with the kit's code fixes" };
        var diagnostics = new Option<string[]>("--diagnostics") { Description = "Rule ids for --apply-fixes", DefaultValueFactory = _ => ["PLAT1001", "PLAT1002", "PLAT1003", "PLAT3001", "PLAT5001"], AllowMultipleArgumentsPerToken = true };
        var feed = FeedOption();
        var prerelease = new Option<bool>("--prerelease") { Description = "Without --to: take the newest version even if it is a prerelease" };
        var command = new Command("upgrade", "Move the repo's Platform SDK pins (global.json msbuild-sdks, Sdk=\"Platform.Sdk*/x\") to a version.")
        {
            path, to, dryRun, applyFixes, diagnostics, feed, prerelease,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var layout = RepoLayout.Discover(parse.GetValue(path), requireProjects: false);
            MSBuildHost.EnsureRegistered(layout.Root);
            var version = parse.GetValue(to);
            if (version is null)
            {
                var snapshot = await FeedClient.ReadAsync(layout.Root, parse.GetValue(feed), [FeedClient.SdkPackageId], TimeSpan.FromSeconds(20), cancellationToken);
                version = KitVersions.Newest(snapshot.VersionsOf(FeedClient.SdkPackageId), parse.GetValue(prerelease))
                    ?? throw new CliException(ExitCodes.FeedUnavailable, "No Platform.Sdk version found in the feed" +
                        (snapshot.Errors.Count > 0 ? ": " + string.Join(" ", snapshot.Errors) : $" ({string.Join(", ", snapshot.Sources)})") + ". Pass --to <version> or --feed <url-or-folder>.");
            }
            else if (!KitVersions.IsValid(version))
            {
                throw new CliException(ExitCodes.Usage, $"--to '{version}' is not a NuGet version (e.g. 1.4.0 or 1.4.0-rc.1).");
            }

            var changes = Upgrader.Plan(layout, version);
            if (changes.Count == 0)
            {
                var current = Upgrader.CurrentPins(layout);
                await output.WriteLineAsync(current.Count == 0
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

            try
            {
                Upgrader.Apply(changes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.UpgradeFailed, $"Writing the upgrade failed: {ex.Message}");
            }

            await output.WriteLineAsync($"Moved {changes.Count} file(s) to Platform SDK {version}.");
            var locks = await LockFileRefresh.RunAsync(layout, cancellationToken);
            if (!locks.Succeeded)
            {
                Upgrader.Apply(changes.Select(c => c with { After = c.Before }));
                await error.WriteLineAsync(locks.Output);
                throw new CliException(ExitCodes.BuildFailed, $"Restoring with the new pins failed (output above), so the upgrade was rolled back: the repo is as it was. Check that the feed carries {version} (`platform doctor`).");
            }

            await output.WriteLineAsync(locks.Changed.Count == 0
                ? "Lock files: none to update."
                : $"Updated {locks.Changed.Count} lock file(s) (restore --force-evaluate): {string.Join(", ", locks.Changed)}.");
            if (parse.GetValue(applyFixes))
            {
                var targets = layout.Solution is not null ? [layout.Solution] : layout.Projects;
                foreach (var target in targets)
                {
                    var arguments = new List<string> { "format", "analyzers", target, "--severity", "info", "--diagnostics" };
                    arguments.AddRange(parse.GetValue(diagnostics)!);
                    var result = await ProcessRunnerLite.RunAsync("dotnet", arguments, layout.Root, TimeSpan.FromMinutes(15), cancellationToken);
                    if (result.ExitCode != 0)
                    {
                        await error.WriteLineAsync(result.Output);
                        throw new CliException(ExitCodes.UpgradeFailed, $"`dotnet {string.Join(' ', arguments)}` failed (exit {result.ExitCode}). The pins are upgraded; fix the build and run it again.");
                    }
                }

                await output.WriteLineAsync($"Applied code fixes for {string.Join(", ", parse.GetValue(diagnostics)!)}; review them with `git diff`.");
            }

            var ciTarget = layout.Solution is not null ? layout.Relative(layout.Solution) : layout.Projects.Count == 1 ? layout.Relative(layout.Projects[0]) : string.Empty;
            await output.WriteLineAsync($"Next: check it builds as CI will: `{$"CI=true dotnet build {ciTarget}".Trim()}`; then commit the pins and lock files together. Findings of rules the new version turns on need a human (or `--apply-fixes`, or `platform baseline --record`).");

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DoctorCommand(TextWriter output)
    {
        var path = PathArgument();
        var feed = FeedOption();
        var build = new Option<bool>("--build") { Description = "Also build one project and look for analyzer load errors (CS9057, CS8032, AD0001)" };
        var command = new Command("doctor", "Check the repo's setup: SDK pin, feed, SDK resolution, analyzers.") { path, feed, build };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var layout = RepoLayout.Discover(parse.GetValue(path), requireProjects: false);
            MSBuildHost.EnsureRegistered(layout.Root);
            var checks = await Doctor.Doctor.RunAsync(layout, parse.GetValue(feed), parse.GetValue(build), cancellationToken);
            foreach (var check in checks)
            {
                await output.WriteLineAsync($"[{check.Status}] {check.Name}: {check.Message}");
                if (check.Fix is not null)
                {
                    await output.WriteLineAsync($"       fix: {check.Fix}");
                }
            }

            var failed = checks.Count(c => c.Status == Doctor.Doctor.Fail);
            await output.WriteLineAsync(failed == 0 ? "Doctor: the setup is fine." : $"Doctor: {failed} check(s) failed.");
            return failed == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }
}
