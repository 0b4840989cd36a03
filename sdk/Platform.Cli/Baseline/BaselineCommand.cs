using System.CommandLine;
using Platform.Baselines;
using Platform.Cli.Infrastructure;
using System.Text;

namespace Platform.Cli.Baseline;

/// <summary>`platform baseline`: show, check, record or shrink the repo's .platform/baseline.json (docs/adopt.md).</summary>
internal static class BaselineCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("path") { Description = "Repo folder, .sln/.slnx/.slnf or project file (default: the current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var record = new Option<bool>("--record") { Description = "Build and record today's findings as the baseline (adoption; a re-record is reviewed by the owner)" };
        var update = new Option<bool>("--update") { Description = "Build and drop the baselined findings that no longer occur (never adds any)" };
        var owner = new Option<string?>("--owner") { Description = "With --record: the team accountable for the debt (default: the baseline's owner)" };
        var targetDate = new Option<string?>("--target-date") { Description = "With --record: yyyy-MM-dd by which the baseline should be empty (default: the baseline's, else 180 days ahead)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change; write nothing" };
        var baseRef = new Option<string?>("--base") { Description = "The pull-request gate: fail (PLAT0405) when the baseline holds more findings than at the merge-base of this git ref and HEAD" };
        var command = new Command("baseline", "Show or check the repo's baseline of existing findings; --record it at adoption, --update to shrink it as findings are fixed.")
        {
            path, record, update, owner, targetDate, dryRun, baseRef,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(record) && parse.GetValue(update))
            {
                throw new CliException(ExitCodes.Usage, "Pass --record or --update, not both.");
            }

            var layout = RepoLayout.Discover(parse.GetValue(path), requireProjects: parse.GetValue(record) || parse.GetValue(update));
            var root = BaselineLocation.Root(layout.Root);
            var file = Path.Combine(root, BaselineDocument.RelativePath);
            var existing = File.Exists(file) ? ReadOrFail(file) : null;
            if (!parse.GetValue(record) && !parse.GetValue(update))
            {
                var shown = Show(existing, file, output, error);
                return parse.GetValue(baseRef) is { } reference && shown == ExitCodes.Success
                    ? await BaselineBaseCheck.RunAsync(root, existing, reference, output, error, cancellationToken)
                    : shown;
            }

            if (parse.GetValue(baseRef) is not null)
            {
                throw new CliException(ExitCodes.Usage, "--base checks the committed baseline; it does not go with --record or --update.");
            }

            if (parse.GetValue(update) && existing is null)
            {
                throw new CliException(ExitCodes.BaselineInvalid, $"There is no baseline at {file} to update. Record one with `platform baseline --record --owner <team>`.");
            }

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var target = parse.GetValue(targetDate) ?? existing?.TargetDate ?? today.AddDays(180).ToString("yyyy-MM-dd");
            if (!BaselineDocument.TryParseDate(target, out _))
            {
                throw new CliException(ExitCodes.Usage, $"--target-date '{target}' is not a yyyy-MM-dd date.");
            }

            await error.WriteLineAsync($"platform: building {(layout.Solution is null ? $"{layout.Projects.Count} project(s)" : layout.Relative(layout.Solution))} to collect today's findings…");
            var recording = await BaselineRecorder.RunAsync(layout, root, null, cancellationToken);
            if (recording.Uncoverable.Count > 0)
            {
                throw new CliException(ExitCodes.BuildFailed,
                    "The build fails for reasons a baseline cannot cover (only PLAT, CA, IDE and compiler warnings can be baselined); fix these first:\n  " +
                    string.Join("\n  ", recording.Uncoverable.Take(15)) + (recording.Uncoverable.Count > 15 ? $"\n  … and {recording.Uncoverable.Count - 15} more" : string.Empty));
            }

            var todayText = today.ToString("yyyy-MM-dd");
            var next = parse.GetValue(record)
                ? BaselineMerge.Record(existing, recording.Findings, recording.BuiltProjects, parse.GetValue(owner) ?? existing?.Owner ?? DefaultOwner(), target, todayText)
                : BaselineMerge.Shrink(existing!, recording.Findings, recording.BuiltProjects, todayText);
            var changed = await WriteAsync(file, layout, existing, next, parse.GetValue(dryRun), output);
            var uncovered = BaselineMerge.NotCovered(next, recording.Findings);
            if (uncovered.Count > 0)
            {
                await error.WriteLineAsync($"platform: {uncovered.Count} finding(s) are not in the baseline; CI fails on them until they are fixed:");
                foreach (var finding in uncovered.Take(20))
                {
                    await error.WriteLineAsync($"  {finding.Entry.Rule} {finding.Entry.File}: {finding.Entry.Code}");
                }
            }

            await output.WriteLineAsync(changed ? string.Empty : "The baseline is unchanged.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static BaselineDocument ReadOrFail(string file) =>
        BaselineDocument.Read(file, out var problem)
        ?? throw new CliException(ExitCodes.BaselineInvalid, $"{problem!.Code}: {problem.Message}");

    /// <summary>Writes the baseline (atomically) and prints the per-project counts; false when nothing changed.</summary>
    public static async Task<bool> WriteAsync(string file, RepoLayout layout, BaselineDocument? before, BaselineDocument after, bool dryRun, TextWriter output)
    {
        var text = after.ToJsonText();
        var old = File.Exists(file) ? await File.ReadAllTextAsync(file) : null;
        foreach (var project in after.Projects.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            var previous = before?.Project(project.Path)?.Count;
            await output.WriteLineAsync($"  {project.Path}: {project.Count} baselined finding(s){(previous is { } p && p != project.Count ? $" (was {p})" : string.Empty)}");
        }

        await output.WriteLineAsync($"Baseline {Path.GetRelativePath(layout.Root, file).Replace('\\', '/')}: {after.Count} finding(s) in {after.Projects.Count(p => p.Count > 0)} project(s), owner {after.Owner}, target {after.TargetDate}{(before is null ? string.Empty : $" (was {before.Count})")}.");
        if (string.Equals(old, text, StringComparison.Ordinal))
        {
            return false;
        }

        if (dryRun)
        {
            await output.WriteLineAsync("Dry run: the baseline was not written.");
            return true;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var files = new AtomicFileSet(Path.GetDirectoryName(Path.GetDirectoryName(file))!);
        files.Stage(file, new UTF8Encoding(false).GetBytes(text));
        files.Commit();
        return true;
    }

    private static int Show(BaselineDocument? baseline, string file, TextWriter output, TextWriter error)
    {
        if (baseline is null)
        {
            output.WriteLine($"No baseline ({file}): every finding counts. Record one with `platform baseline --record --owner <team>`.");
            return ExitCodes.Success;
        }

        var grown = 0;
        foreach (var project in baseline.Projects.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            var history = string.Join(" → ", project.BurnDown.Select(b => $"{b.Count} ({b.Date})"));
            output.WriteLine($"  {project.Path}: {project.Count} baselined finding(s); burn-down: {history}");
            if (project.HasGrown)
            {
                grown++;
                error.WriteLine($"platform: {BaselineCodes.Grown}: the baseline of {project.Path} lists {project.Count} finding(s) but held {project.Allowed} when last recorded. A baseline only shrinks: fix the new findings instead.");
            }
        }

        output.WriteLine($"Baseline: {baseline.Count} finding(s), owner {baseline.Owner}, target {baseline.TargetDate}.");
        return grown > 0 ? ExitCodes.BaselineGrown : ExitCodes.Success;
    }

    private static string DefaultOwner() => Environment.GetEnvironmentVariable("PLATFORM_BASELINE_OWNER") is { Length: > 0 } owner ? owner : "unassigned";
}

/// <summary>Where a repo's baseline lives: the nearest .platform/baseline.json above the folder, else the git root.</summary>
internal static class BaselineLocation
{
    public static string Root(string folder)
    {
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, BaselineDocument.RelativePath)))
            {
                return current.FullName;
            }
        }

        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent)
        {
            if (Directory.Exists(Path.Combine(current.FullName, ".git")) || File.Exists(Path.Combine(current.FullName, ".git")))
            {
                return current.FullName;
            }
        }

        return folder;
    }
}
