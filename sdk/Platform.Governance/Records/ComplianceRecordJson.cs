using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Governance;

/// <summary>
/// Writes and reads <see cref="ComplianceRecord"/> JSON through source-generated serialization (no reflection, so it
/// is cheap inside MSBuild). Deterministic: an unchanged build writes byte-identical text with '\n' line ends.
/// </summary>
public static class ComplianceRecordJson
{
    private static readonly ComplianceRecordJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });

    public static string Write(ComplianceRecord record) =>
        JsonSerializer.Serialize(record, Context.ComplianceRecord).ReplaceLineEndings("\n") + "\n";

    /// <summary>Reads a record; throws <see cref="JsonException"/> when the text is not a record of a known schema.</summary>
    public static ComplianceRecord Read(string json)
    {
        var record = JsonSerializer.Deserialize(json, Context.ComplianceRecord)
            ?? throw new JsonException("The file holds JSON null, not a compliance record.");
        if (record.SchemaVersion != ComplianceRecord.CurrentSchemaVersion)
        {
            throw new JsonException($"schemaVersion {record.SchemaVersion} is not {ComplianceRecord.CurrentSchemaVersion}; rebuild the project with this kit.");
        }

        return record;
    }
}

[JsonSerializable(typeof(ComplianceRecord))]
internal sealed partial class ComplianceRecordJsonContext : JsonSerializerContext;
