using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.Cli.Audit.Formats;

/// <summary>The whole report as JSON, for dashboards (docs/cli.md describes the schema).</summary>
public sealed class JsonFormat : IAuditFormat
{
    /// <summary>camelCase, indented, readable non-ASCII: the options of every JSON document the audit writes.</summary>
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => "json";

    public void Write(AuditReport report, TextWriter output) => output.WriteLine(JsonSerializer.Serialize(report, Options));
}
