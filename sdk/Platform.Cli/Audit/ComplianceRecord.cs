using System.Text.Json;

namespace Platform.Cli.Audit;

/// <summary>The parts of a compliance record (docs/compliance-record.md, schema 1) the audit reports.</summary>
public sealed record ComplianceRecord(
    string Path,
    DateTime WrittenUtc,
    int SchemaVersion,
    string Level,
    IReadOnlyList<string> LevelReasons,
    string? BuildDate,
    string? Kind,
    string? TargetFramework,
    string? Configuration,
    bool SdkUsed,
    string? SdkVersion,
    IReadOnlyList<RecordDeviation> Deviations,
    IReadOnlyList<Finding> Findings,
    int SuppressedCount)
{
    /// <summary>Reads every record of the project (obj/platform/&lt;Configuration&gt;/&lt;TargetFramework&gt;/compliance.json).</summary>
    public static IReadOnlyList<ComplianceRecord> FindAll(string projectDirectory, string? intermediateDirectory, string? explicitFile, List<string> problems)
    {
        var files = new List<string>();
        if (explicitFile is not null && File.Exists(explicitFile))
        {
            files.Add(explicitFile);
        }

        var obj = intermediateDirectory is null ? System.IO.Path.Combine(projectDirectory, "obj") : System.IO.Path.GetFullPath(intermediateDirectory, projectDirectory);
        var platform = System.IO.Path.Combine(obj, "platform");
        if (Directory.Exists(platform))
        {
            foreach (var configuration in Directory.EnumerateDirectories(platform))
            {
                foreach (var framework in Directory.EnumerateDirectories(configuration))
                {
                    var file = System.IO.Path.Combine(framework, "compliance.json");
                    if (File.Exists(file) && !files.Contains(file))
                    {
                        files.Add(file);
                    }
                }
            }
        }

        var records = new List<ComplianceRecord>();
        foreach (var file in files)
        {
            try
            {
                records.Add(Read(file));
            }
            catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                problems.Add($"Compliance record '{file}' could not be read: {ex.Message}");
            }
        }

        return records;
    }

    public static ComplianceRecord Read(string file)
    {
        using var stream = File.OpenRead(file);
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var project = Child(root, "project");
        var sdk = Child(root, "sdk");
        var diagnostics = Child(root, "diagnostics");
        return new ComplianceRecord(
            file,
            File.GetLastWriteTimeUtc(file),
            root.TryGetProperty("schemaVersion", out var schema) && schema.ValueKind == JsonValueKind.Number ? schema.GetInt32() : 0,
            Str(root, "level") ?? "none",
            Array(root, "levelReasons").Select(e => e.GetString() ?? string.Empty).ToList(),
            Str(root, "buildDate"),
            Str(project, "kind"),
            Str(project, "targetFramework"),
            Str(project, "configuration"),
            sdk is { } s && s.TryGetProperty("used", out var used) && used.ValueKind == JsonValueKind.True,
            Str(sdk, "version"),
            Array(root, "deviations").Select(d => new RecordDeviation(
                Str(d, "id") ?? string.Empty, Str(d, "kind"), Str(d, "status"), Str(d, "reason"), Str(d, "owner"), Str(d, "expires"),
                Int(d, "suppressedResults") ?? 0)).ToList(),
            Array(root, "findings").Select(f => new Finding(
                Str(f, "ruleId") ?? string.Empty, Str(f, "level") ?? "warning", Str(f, "message") ?? string.Empty, Str(f, "file"), Int(f, "line"), Int(f, "column"))).ToList(),
            Int(diagnostics, "suppressedCount") ?? 0);
    }

    private static JsonElement? Child(JsonElement element, string name) =>
        element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? Str(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [];
}

public sealed record RecordDeviation(string Id, string? Kind, string? Status, string? Reason, string? Owner, string? Expires, int SuppressedResults);

/// <summary>An unsuppressed governed result of the last build.</summary>
public sealed record Finding(string RuleId, string Level, string Message, string? File, int? Line, int? Column);
