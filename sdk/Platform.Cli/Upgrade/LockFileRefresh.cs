using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary>
/// After a pin moves, packages.lock.json still names the old kit packages and the next locked (CI) restore fails with
/// NU1004. This re-evaluates every lock file (`dotnet restore --force-evaluate`, locked mode off), the same step the
/// platform-repo template's platform-lock-files workflow runs on a bot's PR. On failure every lock file is put back.
/// </summary>
internal static class LockFileRefresh
{
    public const string LockFileName = "packages.lock.json";

    public sealed record Result(bool Succeeded, IReadOnlyList<string> Changed, string Output);

    public static IReadOnlyList<string> Arguments(string target) =>
        ["restore", target, "--force-evaluate", "-p:RestoreLockedMode=false", "-nodeReuse:false"];

    public static async Task<Result> RunAsync(RepoLayout layout, CancellationToken cancellationToken)
    {
        var before = Snapshot(layout);
        if (before.Count == 0)
        {
            return new Result(true, [], string.Empty); // No lock file to go stale; the next restore writes them.
        }

        var targets = layout.BuildTargets;
        foreach (var target in targets)
        {
            var result = await ProcessRunnerLite.RunAsync("dotnet", Arguments(target), layout.Root, TimeSpan.FromMinutes(15), cancellationToken);
            if (result.ExitCode != 0)
            {
                Restore(layout, before);
                return new Result(false, [], result.Output);
            }
        }

        var after = Snapshot(layout);
        var changed = after.Where(a => !before.TryGetValue(a.Key, out var old) || !old.AsSpan().SequenceEqual(a.Value))
            .Select(a => layout.Relative(a.Key)).Order(StringComparer.Ordinal).ToList();
        return new Result(true, changed, string.Empty);
    }

    public static Dictionary<string, byte[]> Snapshot(RepoLayout layout) =>
        layout.FindFiles(f => Path.GetFileName(f).Equals(LockFileName, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f, File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>Puts every lock file back as it was and removes the ones the failed restore created.</summary>
    public static void Restore(RepoLayout layout, IReadOnlyDictionary<string, byte[]> before)
    {
        foreach (var file in Snapshot(layout).Keys.Where(f => !before.ContainsKey(f)))
        {
            File.Delete(file);
        }

        foreach (var (file, bytes) in before)
        {
            File.WriteAllBytes(file, bytes);
        }
    }
}
