using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>
/// Writes a JSON tree as block-style YAML 1.2. Every string value is a double-quoted scalar with JSON escapes (a subset of
/// YAML's), so no value can turn into a number, a boolean, a comment or a new key; keys are plain only when they are
/// simple identifiers. Numbers and booleans are written as JSON writes them. Deterministic: '\n' line endings.
/// </summary>
internal static partial class YamlWriter
{
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One YAML document for <paramref name="root"/>, preceded by <paramref name="comment"/> lines (each prefixed '# ').</summary>
    public static string Write(JsonObject root, IEnumerable<string>? comment = null)
    {
        var yaml = new StringBuilder();
        foreach (var line in comment ?? [])
        {
            yaml.Append("# ").Append(line.ReplaceLineEndings(" ")).Append('\n');
        }

        WriteObject(yaml, root, 0);
        return yaml.ToString();
    }

    public static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => Quote(text),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value => value.ToJsonString(),
        _ => throw new ArgumentException("Not a scalar: " + node.GetType().Name, nameof(node)),
    };

    public static string Quote(string text) => JsonSerializer.Serialize(text, StringOptions);

    public static string Key(string key) =>
        PlainKey().IsMatch(key) && !ReservedWord().IsMatch(key) ? key : Quote(key);

    private static void WriteObject(StringBuilder yaml, JsonObject node, int indent)
    {
        foreach (var (key, value) in node)
        {
            yaml.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(yaml, value, indent);
        }
    }

    /// <summary>After "key:" — a scalar or empty collection on the same line, else a nested block on the next lines.</summary>
    private static void WriteValue(StringBuilder yaml, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                yaml.Append(" {}\n");
                break;
            case JsonArray { Count: 0 }:
                yaml.Append(" []\n");
                break;
            case JsonObject child:
                yaml.Append('\n');
                WriteObject(yaml, child, indent + 2);
                break;
            case JsonArray items:
                yaml.Append('\n');
                WriteArray(yaml, items, indent + 2);
                break;
            default:
                yaml.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteArray(StringBuilder yaml, JsonArray node, int indent)
    {
        foreach (var item in node)
        {
            if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
            {
                // Render the item one level deeper, then put "- " in place of the first line's extra indentation.
                var block = new StringBuilder();
                if (item is JsonObject child)
                {
                    WriteObject(block, child, indent + 2);
                }
                else
                {
                    WriteArray(block, (JsonArray)item, indent + 2);
                }

                yaml.Append(' ', indent).Append("- ").Append(block, indent + 2, block.Length - indent - 2);
            }
            else
            {
                yaml.Append(' ', indent).Append('-');
                WriteValue(yaml, item, indent);
            }
        }
    }

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_./-]*\z")]
    private static partial Regex PlainKey();

    // Words some YAML 1.1 readers still turn into booleans or null.
    [GeneratedRegex(@"\A(y|n|yes|no|on|off|true|false|null)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReservedWord();
}
