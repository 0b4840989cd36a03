using System.Text.Json;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

/// <summary>The `.platform/template.json` stamps of a repo and whether they are on the newest template version.</summary>
public static class TemplateDrift
{
    public static IEnumerable<string> FindAll(RepoLayout layout) =>
        layout.FindFiles(f => Path.GetFileName(f) == "template.json" && Path.GetFileName(Path.GetDirectoryName(f)) == ".platform");

    /// <summary>The nearest .platform/template.json from the project's folder up to the repo root.</summary>
    public static string? FindFor(RepoLayout layout, string projectPath)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(projectPath)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".platform", "template.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (string.Equals(dir.FullName.TrimEnd(Path.DirectorySeparatorChar), layout.Root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                break;
            }
        }

        return null;
    }

    public static TemplateAudit Read(RepoLayout layout, string file, string? newest)
    {
        string? id = null;
        string? version = null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                id = json.RootElement.TryGetProperty("templateId", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                version = json.RootElement.TryGetProperty("templateVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return new TemplateAudit(layout.Relative(file), null, null, newest, "unreadable");
        }

        var status = version is null || newest is null ? "unknown" : KitVersions.Compare(version, newest) < 0 ? "outdated" : "current";
        return new TemplateAudit(layout.Relative(file), id, version, newest, status);
    }
}
