using Platform.Cli.Audit;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Sync;

/// <summary>One template instance (a platform-repo, or one platform-api with its tests) moving to another version.</summary>
public sealed record InstanceSync(string TemplateId, string FromVersion, string ToVersion, IReadOnlyList<string> Stamps);

/// <summary>Everything sync would do: per instance, per file; and the notes about options.</summary>
public sealed record SyncPlan(string TargetVersion, IReadOnlyList<InstanceSync> Instances, IReadOnlyList<FileSync> Files, IReadOnlyList<string> Notes)
{
    public int ConflictCount => Files.Count(f => f.Action == SyncAction.Conflict);
}

/// <summary>
/// Works out a <see cref="SyncPlan"/> without touching the repo: every stamp not on the target version is rendered twice
/// into a temp folder (its recorded version = base, the target = theirs, the same options), then each file of the
/// render is decided by <see cref="FileMerge"/> against the repo's copy. A render that fails stops everything.
/// </summary>
public static class SyncPlanner
{
    public static IReadOnlyList<TemplateStamp> ReadStamps(RepoLayout layout)
    {
        var stamps = TemplateDrift.FindAll(layout).Select(f => TemplateStamp.Read(f, layout.Relative(f))).OrderBy(s => s.RelativePath, StringComparer.Ordinal).ToList();
        return stamps.Count > 0 ? stamps : throw new CliException(ExitCodes.SyncRefused,
            $"PLAT0470: no template stamp (.platform/template.json) under {layout.Root}. Sync updates repos made with the platform templates " +
            "(`dotnet new platform-repo|platform-api|platform-worker|platform-lib`); for another repo use `platform adopt`. Nothing was changed.");
    }

    public static async Task<SyncPlan> PlanAsync(RepoLayout layout, IReadOnlyList<TemplateStamp> stamps, string? feed, string target, string workDirectory, CancellationToken cancellationToken)
    {
        var outdated = stamps.Where(s => KitVersions.Compare(s.TemplateVersion, target) != 0).ToList();
        var packages = new Dictionary<string, TemplatePackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in outdated.Select(s => s.TemplateVersion).Append(target).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            packages[version] = await TemplatePackage.InstallAsync(layout.Root, feed, version, workDirectory, cancellationToken);
        }

        var instances = new List<InstanceSync>();
        var files = new List<FileSync>();
        var notes = new List<string>();
        foreach (var group in outdated.GroupBy(s => s.RenderKey, StringComparer.Ordinal))
        {
            var stamp = group.First();
            var old = packages[stamp.TemplateVersion];
            var @new = packages[target];
            var baseArguments = TemplateArguments.For(stamp, Parameters(old, stamp), old.Version);
            var theirArguments = TemplateArguments.For(stamp, Parameters(@new, stamp), @new.Version);
            var baseFolder = await old.RenderAsync(stamp.TemplateId, baseArguments.Arguments, cancellationToken);
            var theirFolder = await @new.RenderAsync(stamp.TemplateId, theirArguments.Arguments, cancellationToken);
            notes.AddRange(theirArguments.Notes.Where(n => !notes.Contains(n)));

            var renderedStamps = RelativeFiles(baseFolder).Where(FileMerge.IsStamp).ToList();
            foreach (var instance in group.GroupBy(s => InstanceRoot(s, renderedStamps)))
            {
                instances.Add(new InstanceSync(stamp.TemplateId, stamp.TemplateVersion, target, instance.Select(s => s.RelativePath).ToList()));
                var labels = new MergeLabels("current", $"{stamp.TemplateId} {stamp.TemplateVersion}", $"{stamp.TemplateId} {target}");
                var paths = RelativeFiles(baseFolder).Union(RelativeFiles(theirFolder), StringComparer.Ordinal).Order(StringComparer.Ordinal);
                foreach (var path in paths)
                {
                    var repoRelative = instance.Key + path;
                    var decision = await FileMerge.DecideAsync(
                        repoRelative,
                        ReadIfExists(Path.Combine(baseFolder, path)),
                        ReadIfExists(Path.Combine(layout.Root, repoRelative)),
                        ReadIfExists(Path.Combine(theirFolder, path)),
                        labels,
                        workDirectory,
                        cancellationToken);
                    if (decision is not null)
                    {
                        files.Add(decision);
                    }
                }
            }
        }

        return new SyncPlan(target, instances, files, notes);
    }

    /// <summary>Writes every file of the plan, or none (<see cref="AtomicFileSet"/>).</summary>
    public static void Apply(RepoLayout layout, SyncPlan plan)
    {
        var change = new AtomicFileSet(layout.Root);
        foreach (var file in plan.Files.Where(f => f.Writes))
        {
            var path = Path.Combine(layout.Root, file.RelativePath);
            if (file.Result is null)
            {
                change.StageDelete(path);
            }
            else
            {
                change.Stage(path, file.Result);
            }
        }

        change.Commit();
    }

    private static IReadOnlyList<TemplateParameter> Parameters(TemplatePackage package, TemplateStamp stamp) =>
        package.ParametersOf(stamp.TemplateId) ?? throw new CliException(ExitCodes.TemplateUnavailable,
            $"PLAT0480: {FeedClient.TemplatesPackageId} {package.Version} has no template '{stamp.TemplateId}' (named by {stamp.RelativePath}). " +
            "Pick a version that has it (--template-version), or fix the stamp's templateId; nothing was changed.");

    /// <summary>Where the render's root sits in the repo: the stamp's path minus where the template writes that stamp ("" for the repo root, or "a/b/").</summary>
    private static string InstanceRoot(TemplateStamp stamp, IReadOnlyList<string> renderedStamps)
    {
        foreach (var rendered in renderedStamps.OrderByDescending(r => r.Length))
        {
            if (stamp.RelativePath == rendered || stamp.RelativePath.EndsWith("/" + rendered, StringComparison.Ordinal))
            {
                return stamp.RelativePath[..^rendered.Length];
            }
        }

        throw new CliException(ExitCodes.SyncRefused, $"PLAT0477: {stamp.RelativePath} is not where {stamp.TemplateId} writes its stamp " +
            $"({string.Join(" or ", renderedStamps)} below the folder it ran in), so sync cannot tell which files the template made. " +
            "Move the folder back, or sync it by hand with a fresh `dotnet new`; nothing was changed.");
    }

    private static List<string> RelativeFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();

    private static byte[]? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;
}
