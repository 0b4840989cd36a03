using System.CommandLine;
using System.Text;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Sync;

/// <summary><c>platform sync</c>: bring the files the platform templates made up to a newer template version by a three-way merge.</summary>
public static class SyncCommand
{
    public static Command Create(TextWriter output, Argument<string> path, Option<string?> feed)
    {
        var templateVersion = new Option<string?>("--template-version") { Description = "The Platform.Templates version to move to (default: the newest in the feed)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and a diff; change nothing" };
        var force = new Option<bool>("--force") { Description = "Sync even though the work tree has uncommitted changes" };
        var prerelease = new Option<bool>("--prerelease") { Description = "Without --template-version: take the newest version even if it is a prerelease" };
        var command = new Command("sync", "Merge the newest platform templates into the files they made (.platform/template.json stamps): untouched files are updated, changed ones merged, conflicts marked.")
        {
            path, templateVersion, dryRun, force, feed, prerelease,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var requested = parse.GetValue(templateVersion) is { } text ? KitVersion.Parse(text, "--template-version").Value : null;
            var layout = RepoLayout.FolderOf(parse.GetValue(path));
            var isDryRun = parse.GetValue(dryRun);
            await GitWorkTree.EnsureInsideAsync(layout.Root, cancellationToken);
            var stamps = SyncPlanner.ReadStamps(layout);
            MSBuildHost.EnsureRegistered(layout.Root); // NuGet loads from the SDK
            var target = requested ?? await NewestAsync(layout, parse.GetValue(feed), parse.GetValue(prerelease), cancellationToken);
            if (stamps.All(s => KitVersions.Compare(s.TemplateVersion, target) == 0))
            {
                await output.WriteLineAsync($"Nothing to sync: every template stamp ({stamps.Count}) is on {target}.");
                return ExitCodes.Success;
            }

            if (!isDryRun && !parse.GetValue(force))
            {
                await GitWorkTree.EnsureCleanAsync(layout.Root, cancellationToken);
            }

            var work = Directory.CreateTempSubdirectory("platform-sync-").FullName;
            try
            {
                var plan = await SyncPlanner.PlanAsync(layout, stamps, parse.GetValue(feed), target, work, cancellationToken);
                await WritePlanAsync(plan, output);
                if (isDryRun)
                {
                    foreach (var file in plan.Files.Where(f => f.Writes))
                    {
                        Adopt.TextDiff.Write(file.RelativePath, Text(file.Ours), Text(file.Result), output);
                    }

                    await output.WriteLineAsync($"Dry run: {plan.Files.Count(f => f.Writes)} file(s) would change" +
                        (plan.ConflictCount > 0 ? $", {plan.ConflictCount} with conflicts to resolve" : string.Empty) + "; nothing was written.");
                    return ExitCodes.Success;
                }

                SyncPlanner.Apply(layout, plan);
                await output.WriteLineAsync($"Synced {plan.Instances.Count} template instance(s) to {target}: {plan.Files.Count(f => f.Writes)} file(s) changed. Review with `git diff`, build, then commit.");
                if (plan.ConflictCount > 0)
                {
                    throw new CliException(ExitCodes.SyncConflicts, $"PLAT0478: {plan.ConflictCount} file(s) have merge conflicts: " +
                        string.Join(", ", plan.Files.Where(f => f.Action == SyncAction.Conflict).Select(f => f.RelativePath)) +
                        ". Resolve the <<<<<<< ======= >>>>>>> markers (yours are under 'current'), then build and commit. The stamps already name " + target + ".");
                }

                return ExitCodes.Success;
            }
            finally
            {
                TryDelete(work);
            }
        });
        return command;
    }

    private static async Task WritePlanAsync(SyncPlan plan, TextWriter output)
    {
        foreach (var instance in plan.Instances)
        {
            await output.WriteLineAsync($"{instance.TemplateId} {instance.FromVersion} -> {instance.ToVersion} ({string.Join(", ", instance.Stamps)})");
        }

        foreach (var file in plan.Files)
        {
            var word = file.Action switch
            {
                SyncAction.Update => "updated",
                SyncAction.Merge => "merged",
                SyncAction.Conflict => "CONFLICT",
                SyncAction.Add => "added",
                SyncAction.Remove => "removed",
                SyncAction.Keep => "kept",
                _ => "stamp",
            };
            var detail = file.Action == SyncAction.Conflict ? $" ({file.Conflicts} conflict(s))" : file.Note is not null ? $" ({file.Note})" : string.Empty;
            await output.WriteLineAsync($"  {word,-9} {file.RelativePath}{detail}");
        }

        foreach (var note in plan.Notes)
        {
            await output.WriteLineAsync("  note: " + note);
        }
    }

    private static async Task<string> NewestAsync(RepoLayout layout, string? feed, bool prerelease, CancellationToken cancellationToken)
    {
        var snapshot = await FeedClient.ReadAsync(layout.Root, feed, [FeedClient.TemplatesPackageId], TimeSpan.FromSeconds(20), cancellationToken);
        return KitVersions.Newest(snapshot.VersionsOf(FeedClient.TemplatesPackageId), prerelease)
            ?? throw new CliException(ExitCodes.FeedUnavailable, $"PLAT0476: no {FeedClient.TemplatesPackageId} version found in the feed" +
                (snapshot.Errors.Count > 0 ? ": " + string.Join(" ", snapshot.Errors) : $" ({string.Join(", ", snapshot.Sources)})") +
                ". Pass --template-version <version> or --feed <url-or-folder>; nothing was changed.");
    }

    private static string? Text(byte[]? bytes) => bytes is null ? null : new UTF8Encoding(false).GetString(bytes);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind holds only renders of the templates.
        }
    }
}
