using System.CommandLine;
using Platform.Cli.Audit;
using Platform.Cli.Infrastructure;
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
            return ExitCodes.Cancelled;
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
        root.Subcommands.Add(Upgrade.UpgradeCommand.Create(output, error, PathArgument(), FeedOption()));
        root.Subcommands.Add(Doctor.DoctorCommand.Create(output, PathArgument(), FeedOption()));
        root.Subcommands.Add(Baseline.BaselineCommand.Create(output, error));
        root.Subcommands.Add(Adopt.AdoptCommand.Create(output, error, PathArgument()));
        return root;
    }

    internal static Argument<string> PathArgument() => new("path")
    {
        Description = "Repo folder, .sln/.slnx or project file (default: the current folder)",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => ".",
    };

    internal static Option<string?> FeedOption() => new("--feed")
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
}
