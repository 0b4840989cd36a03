using System.Text.Json;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Sync;

/// <summary>
/// One <c>.platform/template.json</c> stamp, as the templates write it: which template made the folder, at which version,
/// with which options (the <c>dotnet new</c> long names; <c>name</c> is <c>-n</c>).
/// </summary>
public sealed record TemplateStamp(string Path, string RelativePath, string TemplateId, string TemplateVersion, IReadOnlyDictionary<string, string> Options)
{
    public const string NameOption = "name";

    /// <summary>The same template, version and options: one render serves every stamp with this key.</summary>
    public string RenderKey => TemplateId + "@" + TemplateVersion + "?" + string.Join("&", Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Key + "=" + o.Value));

    /// <summary>Reads a stamp; a broken one is a <see cref="CliException"/> (PLAT0471, exit 10) that names the file and the fix.</summary>
    public static TemplateStamp Read(string file, string relativePath)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(relativePath, "it cannot be read: " + ex.Message);
        }

        return Parse(text, file, relativePath);
    }

    public static TemplateStamp Parse(string text, string file, string relativePath)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Invalid(relativePath, text.Contains("<<<<<<<", StringComparison.Ordinal) ? "it has unresolved merge conflict markers" : "it is not JSON (" + ex.Message + ")");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(relativePath, "it is not a JSON object");
            }

            if (root.TryGetProperty("schemaVersion", out var schema) && !(schema.ValueKind == JsonValueKind.Number && schema.TryGetInt32(out var v) && v == 1))
            {
                throw Invalid(relativePath, "its schemaVersion is not 1 (made by a newer kit? update the platform tool)");
            }

            var id = String(root, "templateId");
            if (id is null || id.Length == 0 || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw Invalid(relativePath, "templateId is missing or not a template short name (such as platform-api)");
            }

            var version = String(root, "templateVersion");
            if (!KitVersion.TryParse(version, out _, out var problem))
            {
                throw Invalid(relativePath, $"templateVersion is not a version ({problem})");
            }

            if (!root.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(relativePath, "options is missing or not an object");
            }

            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var option in options.EnumerateObject())
            {
                values[option.Name] = option.Value.ValueKind switch
                {
                    JsonValueKind.String => option.Value.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => throw Invalid(relativePath, $"option '{option.Name}' is neither a string nor true/false"),
                };
            }

            if (!values.TryGetValue(NameOption, out var name) || name.Length == 0)
            {
                throw Invalid(relativePath, "options.name is missing");
            }

            return new TemplateStamp(file, relativePath, id, version!, values);
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CliException Invalid(string relativePath, string problem) =>
        new(ExitCodes.InvalidRepoFile, $"PLAT0471: the template stamp {relativePath} is not valid: {problem}. Restore it from version control " +
            "(`git log -p -- " + relativePath + "`), or take the one `dotnet new` wrote; nothing was changed.");
}
