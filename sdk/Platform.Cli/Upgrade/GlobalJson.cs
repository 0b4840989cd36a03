using System.Text;

namespace Platform.Cli.Upgrade;

/// <summary>Reads a global.json file from disk into a <see cref="GlobalJsonDocument"/>.</summary>
public static class GlobalJson
{
    /// <summary>The msbuild-sdks entries, or an empty map when the file is missing, unreadable or not JSON (doctor reports those).</summary>
    public static IReadOnlyDictionary<string, string> ReadPins(string file) =>
        TryLoad(file, out var document, out _)
            ? document!.Pins.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Version, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The document, or false and what is wrong (not readable, not JSON) in words a user can act on.</summary>
    public static bool TryLoad(string file, out GlobalJsonDocument? document, out string problem)
    {
        document = null;
        try
        {
            document = GlobalJsonDocument.Parse(ReadText(file));
            problem = string.Empty;
            return true;
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "it cannot be read: " + ex.Message;
        }

        return false;
    }

    /// <summary>The file's text without a UTF-8 byte order mark.</summary>
    public static string ReadText(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        return new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
    }
}
