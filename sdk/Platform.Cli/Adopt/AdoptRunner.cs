using System.Text;
using System.Text.RegularExpressions;
using Platform.Baselines;
using Platform.Cli.Baseline;
using Platform.Cli.Infrastructure;
using Platform.Cli.Upgrade;

namespace Platform.Cli.Adopt;

/// <summary>What `platform adopt` was asked to do.</summary>
internal sealed record AdoptOptions(string Path, string Feed, string? Version, bool Prerelease, string? Owner, string? TargetDate, bool DryRun, bool SkipCIBuild, bool RaisePins = false);

/// <summary>
/// `platform adopt`: pins the kit, adds the feed, switches each project's SDK, writes lock files, records the baseline
/// and checks the repo builds in CI mode (docs/adopt.md). Every file is written in one all-or-nothing step; when the
/// restore, the recording build or the CI-mode build fails, the repo is put back exactly as it was.
/// </summary>
internal static partial class AdoptRunner
{
    public static async Task<int> RunAsync(AdoptOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var layout = RepoLayout.Discover(options.Path);
        MSBuildHost.EnsureRegistered(layout.Root); // NuGet's feed reader loads from the repo's .NET SDK.
        var version = options.Version is { } requested ? KitVersion.Parse(requested, "--version") : await NewestAsync(layout, options.Feed, options.Prerelease, cancellationToken);

        var plans = layout.Projects.Select(p => ProjectConversion.Plan(p, layout.Relative(p), ReadKeepingBom(p))).ToList();
        var converting = plans.Where(p => p.Action is ConversionAction.Replace or ConversionAction.Additive).ToList();
        if (converting.Count == 0 && !plans.Any(p => p.Action == ConversionAction.AlreadyOnKit))
        {
            WriteSkipped(plans, error);
            throw new CliException(ExitCodes.NothingToAdopt, $"None of the {plans.Count} project(s) can move onto the kit (reasons above); nothing was changed.");
        }

        var repoFiles = RepoFileChanges(layout, version, options.Feed);
        var edits = repoFiles.Concat(converting.Select(p => new PlannedFile(p.Path, p.RelativePath, p.Before, p.After))).Where(f => f.Before != f.After).ToList();
        if (options.DryRun)
        {
            foreach (var edit in edits)
            {
                TextDiff.Write(edit.RelativePath, edit.Before, edit.After, output);
            }

            WritePlan(plans, output);
            await output.WriteLineAsync($"Dry run: {edits.Count} file(s) would change, Platform SDK {version}; then restore (lock files), the baseline (.platform/baseline.json) and a CI-mode build. Nothing was written.");
            return ExitCodes.Success;
        }

        var baselineRoot = BaselineLocation.Root(layout.Root);
        var baselineFile = Path.Combine(baselineRoot, BaselineDocument.RelativePath);
        var rollback = new Rollback(layout, edits, baselineFile);
        try
        {
            Write(layout, edits);
            var skipped = new List<ProjectConversion>();
            var recording = await BaselineRecorder.RunAsync(layout, baselineRoot, null, cancellationToken);
            var raised = AdoptPins.Handle(layout, recording.Uncoverable, options.RaisePins, output);
            if (raised.Count > 0)
            {
                edits.AddRange(raised.Select(f => new PlannedFile(f.Path, layout.Relative(f.Path), f.Before, f.After)));
                recording = await BaselineRecorder.RunAsync(layout, baselineRoot, null, cancellationToken);
            }

            var failing = FailingProjects(recording, converting);
            if (failing.Count > 0)
            {
                // Projects the kit rejects (PLAT0001: an old framework, …) go back as they were; the rest is recorded again.
                Write(layout, failing.Select(p => new PlannedFile(p.Path, p.RelativePath, p.After, p.Before)).ToList());
                skipped.AddRange(failing.Select(p => p with { Action = ConversionAction.Skipped, Reason = "the build failed on the kit: " + FirstError(recording, p) }));
                converting = converting.Except(failing).ToList();
                recording = await BaselineRecorder.RunAsync(layout, baselineRoot, null, cancellationToken);
            }

            if (recording.Uncoverable.Count > 0)
            {
                throw new CliException(ExitCodes.BuildFailed, "The repo does not build on the kit for reasons a baseline cannot cover:\n  " +
                    string.Join("\n  ", recording.Uncoverable.Take(15)) + "\nThe repo was put back as it was.");
            }

            var existing = File.Exists(baselineFile) ? BaselineCommand.ReadOrFail(baselineFile) : null;
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var baseline = BaselineMerge.Record(existing, recording.Findings, recording.BuiltProjects, options.Owner ?? existing?.Owner ?? "unassigned",
                options.TargetDate ?? existing?.TargetDate ?? today.AddDays(180).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));
            await BaselineCommand.WriteAsync(baselineFile, layout, existing, baseline, dryRun: false, output);

            string ciResult = "not run (--skip-ci-build)";
            if (!options.SkipCIBuild)
            {
                var ci = await CIBuildAsync(layout, cancellationToken);
                if (ci.ExitCode != 0)
                {
                    await error.WriteLineAsync(string.Join('\n', ci.Output.Split('\n').Where(l => l.Contains(" error ", StringComparison.Ordinal)).Distinct().Take(20)));
                    throw new CliException(ExitCodes.BuildFailed, "After adopting, the CI-mode build fails (errors above), so the repo was put back as it was. Fix those (or run with --skip-ci-build to keep the conversion and fix them yourself).");
                }

                ciResult = "passed";
            }

            WritePlan(plans.Select(p => skipped.FirstOrDefault(s => s.Path == p.Path) ?? p).ToList(), output);
            await output.WriteLineAsync($"Adopted Platform SDK {version}: {converting.Count} project(s) converted, {plans.Count(p => p.Action == ConversionAction.AlreadyOnKit)} already on the kit, {plans.Count(p => p.Action == ConversionAction.Skipped) + skipped.Count} not converted; {BaselineSummary(recording.Findings.Sum(f => f.Entry.Count), baseline)}; CI-mode build {ciResult}.");
            await output.WriteLineAsync("Next: review `git diff`, set the baseline's owner and targetDate if needed, commit everything (lock files and .platform/baseline.json included).");
            return ExitCodes.Success;
        }
        catch (Exception)
        {
            rollback.Run(error);
            throw;
        }
    }

    /// <summary>A file adopt writes: null Before means it is new.</summary>
    private sealed record PlannedFile(string Path, string RelativePath, string? Before, string After);

    private static List<PlannedFile> RepoFileChanges(RepoLayout layout, KitVersion version, string feed)
    {
        var files = new List<PlannedFile>();
        var globalJson = Path.Combine(layout.Root, "global.json");
        var globalBefore = File.Exists(globalJson) ? ReadKeepingBom(globalJson) : null;
        var globalAfter = globalBefore?.TrimStart('\uFEFF') ?? "{\n}\n";
        foreach (var sdk in KitSdks.Names)
        {
            try
            {
                globalAfter = GlobalJsonDocument.Parse(globalAfter).WithPin(sdk, version);
            }
            catch (FormatException ex)
            {
                throw new CliException(ExitCodes.InvalidRepoFile, $"global.json cannot be read: {ex.Message}. Fix it and run again; nothing was changed.");
            }
        }

        files.Add(new PlannedFile(globalJson, "global.json", globalBefore, globalBefore is not null && globalBefore.StartsWith('\uFEFF') ? "\uFEFF" + globalAfter : globalAfter));

        var nugetConfig = Directory.EnumerateFiles(layout.Root).FirstOrDefault(f => Path.GetFileName(f).Equals(NuGetConfigFeed.FileName, StringComparison.OrdinalIgnoreCase))
            ?? Path.Combine(layout.Root, NuGetConfigFeed.FileName);
        var configBefore = File.Exists(nugetConfig) ? ReadKeepingBom(nugetConfig) : null;
        var feedValue = Directory.Exists(feed) ? Path.GetFullPath(feed) : feed;
        var configAfter = NuGetConfigFeed.WithFeed(configBefore?.TrimStart('\uFEFF'), feedValue, layout.Relative(nugetConfig));
        files.Add(new PlannedFile(nugetConfig, layout.Relative(nugetConfig), configBefore, configBefore is not null && configBefore.StartsWith('\uFEFF') ? "\uFEFF" + configAfter : configAfter));
        return files;
    }

    /// <summary>The file's text with a UTF-8 byte order mark kept as U+FEFF, so writing it back (UTF-8, no added BOM) keeps it.</summary>
    private static string ReadKeepingBom(string path) => new UTF8Encoding(false).GetString(File.ReadAllBytes(path));

    private static void Write(RepoLayout layout, IReadOnlyList<PlannedFile> files)
    {
        var set = new AtomicFileSet(layout.Root);
        foreach (var file in files)
        {
            set.Stage(file.Path, new UTF8Encoding(false).GetBytes(file.After));
        }

        set.Commit();
    }

    private static async Task<KitVersion> NewestAsync(RepoLayout layout, string feed, bool prerelease, CancellationToken cancellationToken)
    {
        var snapshot = await FeedClient.ReadAsync(layout.Root, feed, [FeedClient.SdkPackageId], TimeSpan.FromSeconds(30), cancellationToken);
        var newest = KitVersions.Newest(snapshot.VersionsOf(FeedClient.SdkPackageId), prerelease)
            ?? throw new CliException(ExitCodes.FeedUnavailable, $"The feed '{feed}' gave no Platform.Sdk version" +
                (snapshot.Errors.Count > 0 ? ": " + string.Join(" ", snapshot.Errors) : string.Empty) +
                ". Check the URL or folder (and your credentials), or ask the platform team which feed carries the kit; nothing was changed.");
        return KitVersion.Parse(newest, "The feed's newest version");
    }

    private static Task<ProcessRunnerLite.Result> CIBuildAsync(RepoLayout layout, CancellationToken cancellationToken)
    {
        var target = layout.Solution ?? (layout.Projects.Count == 1 ? layout.Projects[0] : null);
        var targets = target is not null ? [target] : layout.Projects;
        return RunAllAsync(targets, layout.Root, cancellationToken);

        static async Task<ProcessRunnerLite.Result> RunAllAsync(IReadOnlyList<string> targets, string root, CancellationToken cancellationToken)
        {
            foreach (var item in targets)
            {
                // PlatformIsCI=true is what CI=true sets: warnings are errors, restore is locked to the lock files.
                var result = await ProcessRunnerLite.RunAsync("dotnet", ["build", item, "-nodeReuse:false", "-clp:NoSummary", "-p:PlatformIsCI=true"], root, TimeSpan.FromMinutes(30), cancellationToken);
                if (result.ExitCode != 0)
                {
                    return result;
                }
            }

            return new ProcessRunnerLite.Result(0, string.Empty);
        }
    }

    /// <summary>Converted projects the uncoverable build errors point at (MSBuild ends each error line with [project]).</summary>
    private static List<ProjectConversion> FailingProjects(RecordingResult recording, IReadOnlyList<ProjectConversion> converting) =>
        converting.Where(p => recording.Uncoverable.Any(line => line.EndsWith("[" + p.Path + "]", StringComparison.Ordinal) || line.Contains("[" + p.Path + "::", StringComparison.Ordinal))).ToList();

    private static string FirstError(RecordingResult recording, ProjectConversion project)
    {
        var line = recording.Uncoverable.First(l => l.Contains("[" + project.Path, StringComparison.Ordinal));
        var match = ErrorText().Match(line);
        return match.Success ? match.Groups[1].Value.Trim() : line;
    }

    [GeneratedRegex(@"error\s+(.*?)\s*\[[^\]]*\]\s*$")]
    private static partial Regex ErrorText();

    private static void WritePlan(IReadOnlyList<ProjectConversion> plans, TextWriter output)
    {
        foreach (var plan in plans.OrderBy(p => p.RelativePath, StringComparer.Ordinal))
        {
            output.WriteLine(plan.Action switch
            {
                ConversionAction.Replace => $"  converted  {plan.RelativePath}: {plan.FromSdk} -> {plan.ToSdk}",
                ConversionAction.Additive => $"  converted  {plan.RelativePath}: {plan.FromSdk} + <Sdk Name=\"{plan.ToSdk}\" />",
                ConversionAction.AlreadyOnKit => $"  unchanged  {plan.RelativePath}: already on {plan.FromSdk}",
                _ => $"  skipped    {plan.RelativePath}: {plan.Reason}",
            });
        }
    }

    private static void WriteSkipped(IReadOnlyList<ProjectConversion> plans, TextWriter error)
    {
        foreach (var plan in plans)
        {
            error.WriteLine($"  skipped    {plan.RelativePath}: {plan.Reason}");
        }
    }

    /// <summary>
    /// The baseline part of adopt's summary: the findings of the projects adopted now; when other folders of the repo
    /// were adopted before, the repo's whole baseline too (the file is shared, the count is not).
    /// </summary>
    internal static string BaselineSummary(int adopted, BaselineDocument baseline) =>
        $"baseline {adopted} finding(s)" +
        (baseline.Count != adopted ? $" in the adopted projects, {baseline.Count} in the repo's baseline" : string.Empty) +
        $" (owner {baseline.Owner}, target {baseline.TargetDate})";

    /// <summary>Puts the repo back: edited files as they were, new files (lock files, baseline, configs) removed.</summary>
    private sealed class Rollback(RepoLayout layout, IReadOnlyList<PlannedFile> edits, string baselineFile)
    {
        private readonly Dictionary<string, byte[]> _locks = LockFileRefresh.Snapshot(layout);
        private readonly byte[]? _baseline = File.Exists(baselineFile) ? File.ReadAllBytes(baselineFile) : null;

        /// <summary>Best effort, file by file: a file that cannot be put back is named, and the original error still surfaces.</summary>
        public void Run(TextWriter error)
        {
            // Newest first: a file edited twice (converted, then a pin raised in it) ends as it was before the first edit.
            foreach (var edit in edits.Reverse())
            {
                Try(error, edit.RelativePath, () =>
                {
                    if (edit.Before is null)
                    {
                        File.Delete(edit.Path);
                    }
                    else
                    {
                        File.WriteAllText(edit.Path, edit.Before, new UTF8Encoding(false));
                    }
                });
            }

            Try(error, "packages.lock.json files", () => LockFileRefresh.Restore(layout, _locks));
            Try(error, BaselineDocument.RelativePath, () =>
            {
                if (_baseline is not null)
                {
                    File.WriteAllBytes(baselineFile, _baseline);
                    return;
                }

                if (File.Exists(baselineFile))
                {
                    File.Delete(baselineFile);
                }

                var folder = Path.GetDirectoryName(baselineFile)!;
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }
            });
        }

        private static void Try(TextWriter error, string what, Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"platform: could not put back {what}: {ex.Message}");
            }
        }
    }
}
