using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Cli.Upgrade;

/// <summary>The msbuild-sdks section of a global.json: read it, and rewrite the Platform.Sdk* pins in place.</summary>
public static partial class GlobalJson
{
    /// <summary>The msbuild-sdks entries, or an empty map when the file has none or is not valid JSON.</summary>
    public static IReadOnlyDictionary<string, string> ReadPins(string file)
    {
        var pins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("msbuild-sdks", out var sdks) && sdks.ValueKind == JsonValueKind.Object)
            {
                foreach (var sdk in sdks.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    pins[sdk.Name] = sdk.Value.GetString()!;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // An unreadable global.json has no pins; doctor reports it.
        }

        return pins;
    }

    /// <summary>
    /// The text with every Platform.Sdk* pin inside "msbuild-sdks" set to <paramref name="version"/>; everything else,
    /// whitespace and comments included, stays byte for byte.
    /// </summary>
    public static string RewritePins(string text, string version)
    {
        var key = MSBuildSdksKey().Match(text);
        if (!key.Success)
        {
            return text;
        }

        var start = text.IndexOf('{', key.Index + key.Length);
        if (start < 0)
        {
            return text;
        }

        var end = FindClosingBrace(text, start);
        if (end < 0)
        {
            return text;
        }

        var section = text[start..(end + 1)];
        var rewritten = PlatformPin().Replace(section, m => m.Groups["prefix"].Value + version + "\"");
        return text[..start] + rewritten + text[(end + 1)..];
    }

    private static int FindClosingBrace(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex("\"msbuild-sdks\"\\s*:")]
    private static partial Regex MSBuildSdksKey();

    // Only values that are versions: a template's placeholder (PLATFORM_SDK_VERSION) is not a pin.
    [GeneratedRegex("(?<prefix>\"Platform\\.Sdk(?:\\.[A-Za-z0-9_]+)*\"\\s*:\\s*\")[0-9]+(?:\\.[0-9]+){1,3}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?\"", RegexOptions.IgnoreCase)]
    private static partial Regex PlatformPin();
}
