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
        root.Subcommands.Add(Audit.AuditCommand.Create(PathArgument(), FeedOption(), output, error, interactive));
        root.Subcommands.Add(UpgradeCommand(output, error));
        root.Subcommands.Add(DoctorCommand(output));
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

    private static Command UpgradeCommand(TextWriter output, TextWriter error)
    {
        var path = PathArgument();
        var to = new Option<string?>("--to") { Description = "The kit version to move to (default: the newest in the feed)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the diff; change nothing" };
        var applyFixes = new Option<bool>("--apply-fixes") { Description = "Then run `dotnet format analyzers --diagnostics PLAT…` with the kit's code fixes" };
        var diagnostics = new Option<string[]>("--diagnostics") { Description = "Rule ids for --apply-fixes", DefaultValueFactory = _ => [.. Platform.Governance.RuleCatalogue.WithCodeFix], AllowMultipleArgumentsPerToken = true };
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

            await output.WriteLineAsync($"Moved {changes.Count} file(s) to Platform SDK {version}. Next: `dotnet build` (restore picks up the new SDK).");
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
