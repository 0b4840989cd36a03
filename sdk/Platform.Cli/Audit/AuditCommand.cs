using System.CommandLine;
using Platform.Cli.Audit.Formats;
using Platform.Cli.Infrastructure;
using Platform.Governance;
using Spectre.Console;

namespace Platform.Cli.Audit;

/// <summary>`platform audit`: options, progress, writing the report and the exit code (docs/cli.md).</summary>
public static class AuditCommand
{
    public static Command Create(Argument<string> path, Option<string?> feed, TextWriter output, TextWriter error, bool interactive)
    {
        var format = new Option<string>("--format", "-f") { Description = string.Join(" | ", AuditFormats.Names), DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(AuditFormats.Names);
        var minLevel = new Option<string?>("--min-level") { Description = "Exit 1 when any project is below this level (the CI gate): gold | silver | bronze" };
        minLevel.AcceptOnlyFromAmong([.. ComplianceLevels.Gates.Select(l => l.Name())]);
        var recordsOnly = new Option<bool>("--records-only") { Description = "Read the build records only; do not evaluate projects (fast)" };
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
            ComplianceLevel? gate = ComplianceLevels.TryParse(parse.GetValue(minLevel), out var level) ? level : null;
            var options = new AuditOptions(
                gate, parse.GetValue(recordsOnly), parse.GetValue(feed), parse.GetValue(offline),
                parse.GetValue(configuration), parse.GetValue(prerelease));
            var report = await RunWithProgressAsync(layout, options, error, interactive, cancellationToken);
            await WriteAsync(report, parse.GetValue(format)!, parse.GetValue(outputFile), parse.GetValue(facts), output);

            if (report.Summary.EvaluationErrors > 0)
            {
                await error.WriteLineAsync($"platform: {report.Summary.EvaluationErrors} project(s) did not evaluate: " +
                    string.Join("; ", report.Projects.Where(p => p.EvaluationError is not null).Select(p => $"{p.Path}: {p.EvaluationError!.Split('\n')[0]}")));
                return ExitCodes.EvaluationFailed;
            }

            if (report.Summary.BelowMinLevel > 0)
            {
                await error.WriteLineAsync($"platform: {report.Summary.BelowMinLevel} project(s) below --min-level {report.Summary.MinLevel}: " +
                    string.Join(", ", report.Projects.Where(p => p.BelowMinLevel).Select(p => $"{p.Path} ({p.Level.Name()})")));
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The report to stdout or --output, the facts to --facts; files are written all or nothing.</summary>
    private static async Task WriteAsync(AuditReport report, string format, string? outputFile, string? factsFile, TextWriter output)
    {
        var files = new List<(string Option, string Path, string Content)>();
        if (outputFile is not null)
        {
            files.Add(("--output", outputFile, AuditFormats.Render(report, format)));
        }

        if (factsFile is not null)
        {
            files.Add(("--facts", factsFile, AuditFormats.Render(report, new TechInsightsFormat().Name)));
        }

        if (files.Count > 0)
        {
            ReportFiles.WriteAll(files);
        }

        if (outputFile is null)
        {
            AuditFormats.Named(format).Write(report, output);
            await output.FlushAsync();
        }
    }

    private static async Task<AuditReport> RunWithProgressAsync(RepoLayout layout, AuditOptions options, TextWriter error, bool interactive, CancellationToken cancellationToken)
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
