using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Evaluation;
using NuGet.Versioning;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Adopt;

/// <summary>
/// Adopt's answer to a restore that fails because the repo pins packages below what the kit's packages need (eShop pins
/// the OpenTelemetry exporter below Platform.ServiceDefaults' floor: NU1109 with central versions, NU1605 without). It
/// names each package, the pinned and the needed version and the file that pins it; with --raise-pins it raises them
/// there. Downgrades the kit did not cause stay ordinary build errors.
/// </summary>
internal static partial class AdoptPins
{
    public const string BelowKitFloor = "PLAT0407";
    public const string CannotRaise = "PLAT0408";

    /// <summary>One file adopt rewrites to raise pins.</summary>
    public sealed record RaisedFile(string Path, string Before, string After);

    /// <summary>
    /// Nothing to do (empty) when no failure is a kit-caused downgrade. Otherwise, without <paramref name="raise"/>, a
    /// <see cref="CliException"/> (exit 23) listing the pins; with it, the files written (for the caller's rollback).
    /// </summary>
    public static IReadOnlyList<RaisedFile> Handle(RepoLayout layout, IReadOnlyList<string> errorLines, bool raise, TextWriter output)
    {
        var projects = DowngradedProjects(errorLines);
        if (projects.Count == 0)
        {
            return [];
        }

        using var collection = new ProjectCollection();
        var pins = new List<KitFloorPin>();
        foreach (var project in projects)
        {
            if (PinRaise.AssetsFile(collection, project) is { } assets && File.Exists(assets))
            {
                pins.AddRange(KitFloor.Read(project, File.ReadAllText(assets)));
            }
        }

        if (pins.Count == 0)
        {
            return [];
        }

        var texts = new Dictionary<string, (string Before, string After)>(StringComparer.Ordinal);
        var listed = new List<string>();
        var problems = new List<string>();
        foreach (var package in pins.GroupBy(p => p.PackageId, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            var needed = package.Select(p => NuGetVersion.Parse(p.Needed)).Max()!;
            var first = package.First();
            var sites = package.Select(p => PinRaise.Locate(collection, p.Project, p.PackageId)).Distinct().ToList();
            foreach (var site in sites)
            {
                var where = site.File is null ? "(not found)" : layout.Relative(site.File);
                listed.Add($"  {package.Key} {first.Pinned} -> {needed.ToNormalizedString()} ({first.NeededBy} needs >= {first.Needed}), pinned in {where}");
                if (site.File is null || !RepoLinks.IsInside(Path.GetFullPath(site.File), layout.Root))
                {
                    problems.Add($"  {package.Key}: {site.Problem ?? $"it is pinned in {site.File}, outside the repo"}");
                    continue;
                }

                // Read with a byte order mark kept as U+FEFF, so it is written back as it was.
                var current = texts.TryGetValue(site.File, out var edited) ? edited.After : new UTF8Encoding(false).GetString(File.ReadAllBytes(site.File));
                var bom = current.StartsWith('\uFEFF') ? "\uFEFF" : string.Empty;
                if (PinRaise.Raise(current[bom.Length..], site, package.Key, needed.ToNormalizedString(), out var problem) is { } after)
                {
                    texts[site.File] = (edited.Before ?? current, bom + after);
                }
                else
                {
                    problems.Add($"  {package.Key} in {where}: {problem}");
                }
            }
        }

        if (!raise)
        {
            throw new CliException(ExitCodes.PinsBelowKitFloor,
                $"{BelowKitFloor}: the repo pins package(s) below what the kit needs, so restore fails (NU1109/NU1605):\n{string.Join('\n', listed)}\n" +
                "Run adopt again with --raise-pins to raise them where they are pinned, or raise them yourself. The repo was put back as it was.");
        }

        if (problems.Count > 0)
        {
            throw new CliException(ExitCodes.PinsBelowKitFloor,
                $"{CannotRaise}: adopt cannot raise these pins itself:\n{string.Join('\n', problems)}\nRaise them by hand and run adopt again. The repo was put back as it was.");
        }

        var files = new AtomicFileSet(layout.Root);
        foreach (var (path, text) in texts)
        {
            files.Stage(path, new UTF8Encoding(false).GetBytes(text.After));
        }

        files.Commit();
        output.WriteLine($"Raised {listed.Count} pin(s) to what the kit needs:\n{string.Join('\n', listed)}");
        return texts.Select(t => new RaisedFile(t.Key, t.Value.Before, t.Value.After)).ToList();
    }

    /// <summary>The projects whose restore reported a downgrade, read from MSBuild's canonical "file : error CODE:" prefix.</summary>
    public static IReadOnlyList<string> DowngradedProjects(IEnumerable<string> errorLines) =>
        errorLines.Select(l => DowngradeError().Match(l.Trim())).Where(m => m.Success).Select(m => m.Groups["project"].Value)
            .Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^(?<project>.+?\.[A-Za-z]+proj)\s*:\s*error\s+NU(1109|1605)\s*:")]
    private static partial Regex DowngradeError();
}
