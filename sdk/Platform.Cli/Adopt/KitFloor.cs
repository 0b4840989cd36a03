using System.Text.Json;
using NuGet.Versioning;

namespace Platform.Cli.Adopt;

/// <summary>A package the repo pins below what one of the kit's packages needs, so restore fails (NU1109 or NU1605).</summary>
/// <param name="Project">The project whose restore failed (full path).</param>
/// <param name="Pinned">The version the repo's pin declares (what its file says; the resolved version when the assets
/// file does not name one, e.g. for a transitive package).</param>
/// <param name="Needed">The lowest version the kit's package accepts: what to raise the pin to.</param>
/// <param name="NeededBy">The kit package that needs it (Platform.ServiceDefaults 1.4.0).</param>
internal sealed record KitFloorPin(string Project, string PackageId, string Pinned, string Needed, string NeededBy);

/// <summary>
/// Reads why a restore on the kit failed from the project's assets file (project.assets.json, written even when restore
/// fails): the downgrade errors (NU1109 central, NU1605 direct) name the package (<c>libraryId</c>), and the target
/// graph holds each package's dependency ranges and the version that was resolved. A pin counts only when a kit package
/// (Platform.ServiceDefaults, Platform.Patterns.*) is the one asking for more: other downgrades are the repo's own.
/// </summary>
internal static class KitFloor
{
    public static readonly IReadOnlyList<string> DowngradeCodes = ["NU1109", "NU1605"];

    private static readonly string[] KitPackagePrefixes = ["Platform.ServiceDefaults", "Platform.Patterns."];

    public static IReadOnlyList<KitFloorPin> Read(string project, string assetsJson)
    {
        using var document = JsonDocument.Parse(assetsJson);
        var root = document.RootElement;
        var downgraded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("logs", out var logs) && logs.ValueKind == JsonValueKind.Array)
        {
            foreach (var log in logs.EnumerateArray())
            {
                if (String(log, "code") is { } code && DowngradeCodes.Contains(code, StringComparer.OrdinalIgnoreCase) && String(log, "libraryId") is { } id)
                {
                    downgraded.Add(id);
                }
            }
        }

        if (downgraded.Count == 0 || !root.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var declared = DeclaredVersions(root);
        var pins = new Dictionary<string, KitFloorPin>(StringComparer.OrdinalIgnoreCase);
        foreach (var graph in targets.EnumerateObject())
        {
            // "Id/Version" -> { "dependencies": { "Id": "range" } }
            var resolved = graph.Value.EnumerateObject()
                .Select(p => p.Name.Split('/', 2))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.OrdinalIgnoreCase);
            foreach (var package in graph.Value.EnumerateObject())
            {
                var name = package.Name.Split('/', 2)[0];
                if (!KitPackagePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ||
                    !package.Value.TryGetProperty("dependencies", out var dependencies) || dependencies.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var dependency in dependencies.EnumerateObject().Where(d => downgraded.Contains(d.Name)))
                {
                    if (!VersionRange.TryParse(dependency.Value.GetString() ?? string.Empty, out var range) || range.MinVersion is not { } needed ||
                        !resolved.TryGetValue(dependency.Name, out var pinnedText) || !NuGetVersion.TryParse(pinnedText, out var pinned) || pinned >= needed)
                    {
                        continue;
                    }

                    if (!pins.TryGetValue(dependency.Name, out var known) || NuGetVersion.Parse(known.Needed) < needed)
                    {
                        // A mirror without the pinned version resolves the next one (NU1603): name what the file says.
                        var shown = declared.TryGetValue(dependency.Name, out var inFile) ? inFile : pinned;
                        pins[dependency.Name] = new KitFloorPin(project, dependency.Name, shown.ToNormalizedString(), needed.ToNormalizedString(), package.Name.Replace('/', ' '));
                    }
                }
            }
        }

        return pins.Values.OrderBy(p => p.PackageId, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The versions the project declares, from the assets file's "project" section: a central <c>PackageVersion</c>
    /// (<c>centralPackageVersions</c>) or a <c>PackageReference</c>'s own version (its range's lower bound).
    /// </summary>
    private static Dictionary<string, NuGetVersion> DeclaredVersions(JsonElement root)
    {
        var declared = new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("project", out var spec) || !spec.TryGetProperty("frameworks", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object)
        {
            return declared;
        }

        foreach (var framework in frameworks.EnumerateObject())
        {
            if (framework.Value.TryGetProperty("centralPackageVersions", out var central) && central.ValueKind == JsonValueKind.Object)
            {
                foreach (var version in central.EnumerateObject())
                {
                    Add(version.Name, version.Value.ValueKind == JsonValueKind.String ? version.Value.GetString() : null);
                }
            }

            if (framework.Value.TryGetProperty("dependencies", out var dependencies) && dependencies.ValueKind == JsonValueKind.Object)
            {
                foreach (var dependency in dependencies.EnumerateObject().Where(d => d.Value.ValueKind == JsonValueKind.Object))
                {
                    Add(dependency.Name, String(dependency.Value, "version"));
                }
            }
        }

        return declared;

        void Add(string id, string? text)
        {
            if (VersionRange.TryParse(text ?? string.Empty, out var range) && range.MinVersion is { } version)
            {
                declared.TryAdd(id, version);
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
