using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary>One entry of global.json's <c>msbuild-sdks</c> object (string values only).</summary>
public sealed record GlobalJsonPin(string Name, string Version);

/// <summary>
/// A global.json read with a real JSON reader (comments and trailing commas allowed, as in a file people edit) and
/// edited in place: only the bytes of the values that change are replaced, so comments, spacing, key order and line
/// endings stay the user's. <see cref="CliProblem"/> says whether the .NET CLI itself, which is stricter, reads it.
/// </summary>
public sealed class GlobalJsonDocument
{
    private static readonly JsonReaderOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // What `dotnet` accepts (it skips comments but refuses trailing commas: a JsonException stack trace on every command).
    private static readonly JsonDocumentOptions DotnetCli = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };

    private readonly byte[] _utf8;
    private readonly List<PinSpan> _pins;
    private readonly Container _root;
    private readonly Container? _sdks;

    private GlobalJsonDocument(string text, byte[] utf8, List<PinSpan> pins, Container root, Container? sdks, string? cliProblem)
    {
        Text = text;
        _utf8 = utf8;
        _pins = pins;
        _root = root;
        _sdks = sdks;
        CliProblem = cliProblem;
    }

    public string Text { get; }

    /// <summary>The msbuild-sdks entries with string values, in file order.</summary>
    public IReadOnlyList<GlobalJsonPin> Pins => _pins.Select(p => new GlobalJsonPin(p.Name, p.Version)).ToList();

    /// <summary>The kit's pins (<see cref="KitSdks"/>), by name.</summary>
    public IReadOnlyDictionary<string, string> KitPins =>
        _pins.Where(p => KitSdks.IsKitSdk(p.Name)).GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Version, StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the .NET CLI reads the file; otherwise its complaint, with line and column.</summary>
    public string? CliProblem { get; }

    /// <summary>Parses the text; a <see cref="FormatException"/> with line and column when it is not JSON at all.</summary>
    public static GlobalJsonDocument Parse(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var pins = new List<PinSpan>();
        Container? root = null;
        Container? sdks = null;
        var reader = new Utf8JsonReader(utf8, Lenient);
        string? property = null;
        var sdksNext = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject when reader.CurrentDepth == 0:
                        root = new Container((int)reader.TokenStartIndex);
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        property = reader.GetString();
                        sdksNext = string.Equals(property, "msbuild-sdks", StringComparison.Ordinal);
                        root!.LastMemberStart = (int)reader.TokenStartIndex;
                        break;
                    case JsonTokenType.StartObject when reader.CurrentDepth == 1 && sdksNext:
                        sdks = new Container((int)reader.TokenStartIndex);
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 2 && sdks is not null && sdks.End < 0:
                        property = reader.GetString();
                        sdks.LastMemberStart = (int)reader.TokenStartIndex;
                        break;
                    case JsonTokenType.String when reader.CurrentDepth == 2 && sdks is not null && sdks.End < 0:
                        pins.Add(new PinSpan(property!, reader.GetString()!, (int)reader.TokenStartIndex, (int)reader.BytesConsumed));
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 1 && sdks is not null && sdks.End < 0 && sdksNext:
                        sdks.End = (int)reader.TokenStartIndex;
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 0:
                        root!.End = (int)reader.TokenStartIndex;
                        break;
                }

                // The end of the member just read, where a new member goes after it.
                if (reader.CurrentDepth == 2 && sdks is not null && sdks.End < 0 && IsValueEnd(reader.TokenType))
                {
                    sdks.LastMemberEnd = (int)reader.BytesConsumed;
                }
                else if (reader.CurrentDepth == 1 && root is not null && IsValueEnd(reader.TokenType))
                {
                    root.LastMemberEnd = (int)reader.BytesConsumed;
                    sdksNext = sdksNext && reader.TokenType == JsonTokenType.StartObject;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"it is not valid JSON ({Where(ex)}: {FirstSentence(ex.Message)})", ex);
        }

        if (root is null || root.End < 0)
        {
            throw new FormatException("it is not a JSON object ({ … })");
        }

        return new GlobalJsonDocument(text, utf8, pins, root, sdks, StrictProblem(utf8));
    }

    /// <summary>
    /// The text with each of the kit's pins that holds a version set to <paramref name="version"/> (a template's
    /// placeholder is not a pin). Everything else stays byte for byte.
    /// </summary>
    public string WithKitPinsAt(KitVersion version) =>
        Splice(_pins.Where(p => KitSdks.IsKitSdk(p.Name) && KitVersion.TryParse(p.Version, out _, out _) && p.Version != version.Value)
            .Select(p => (p.ValueStart, p.ValueEnd, JsonString(version.Value))));

    /// <summary>
    /// The text with <paramref name="name"/> pinned at <paramref name="version"/>: its value replaced when it is there,
    /// else a new last entry of msbuild-sdks (created at the end of the file's object when missing), indented like its neighbours.
    /// </summary>
    public string WithPin(string name, KitVersion version)
    {
        var existing = _pins.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (existing.Count > 0)
        {
            return Splice(existing.Where(p => p.Version != version.Value).Select(p => (p.ValueStart, p.ValueEnd, JsonString(version.Value))));
        }

        var newline = Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var entry = JsonString(name) + ": " + JsonString(version.Value);
        if (_sdks is not null)
        {
            return Insert(_sdks, entry, newline);
        }

        var rootIndent = MemberIndent(_root, "  ");
        var block = "\"msbuild-sdks\": {" + newline + rootIndent + "  " + entry + newline + rootIndent + "}";
        return Insert(_root, block, newline);
    }

    private string Insert(Container container, string member, string newline)
    {
        var indent = MemberIndent(container, LineIndent(container.Start) + "  ");
        if (container.LastMemberEnd < 0)
        {
            var closingIndent = LineIndent(container.End);
            return Splice([(container.Start + 1, container.End, newline + indent + member + newline + closingIndent)]);
        }

        return Splice([(container.LastMemberEnd, container.LastMemberEnd, "," + newline + indent + member)]);
    }

    private string MemberIndent(Container container, string fallback) =>
        container.LastMemberStart < 0 || OnSameLine(container.Start, container.LastMemberStart) ? fallback : LineIndent(container.LastMemberStart);

    private bool OnSameLine(int a, int b) => !_utf8.AsSpan(a, b - a).Contains((byte)'\n');

    private string LineIndent(int index)
    {
        var start = index;
        while (start > 0 && _utf8[start - 1] != (byte)'\n')
        {
            start--;
        }

        var end = start;
        while (end < _utf8.Length && _utf8[end] is (byte)' ' or (byte)'\t')
        {
            end++;
        }

        return Encoding.UTF8.GetString(_utf8, start, end - start);
    }

    private string Splice(IEnumerable<(int Start, int End, string Replacement)> edits)
    {
        var ordered = edits.OrderBy(e => e.Start).ToList();
        if (ordered.Count == 0)
        {
            return Text;
        }

        var result = new List<byte>(_utf8.Length + 64);
        var position = 0;
        foreach (var (start, end, replacement) in ordered)
        {
            result.AddRange(_utf8.AsSpan(position, start - position));
            result.AddRange(Encoding.UTF8.GetBytes(replacement));
            position = end;
        }

        result.AddRange(_utf8.AsSpan(position));
        return Encoding.UTF8.GetString([.. result]);
    }

    /// <summary>A JSON string literal: quotes, backslashes and control characters escaped; '+' and non-ASCII kept readable.</summary>
    internal static string JsonString(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static string? StrictProblem(byte[] utf8)
    {
        try
        {
            using var _ = JsonDocument.Parse(utf8, DotnetCli);
            return null;
        }
        catch (JsonException ex)
        {
            return $"{Where(ex)}: {FirstSentence(ex.Message)}";
        }
    }

    private static bool IsValueEnd(JsonTokenType token) => token is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True
        or JsonTokenType.False or JsonTokenType.Null or JsonTokenType.EndObject or JsonTokenType.EndArray;

    private static string Where(JsonException ex) => $"line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}";

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }

    private sealed record PinSpan(string Name, string Version, int ValueStart, int ValueEnd);

    /// <summary>Byte positions of an object: its braces, and its last member (-1 while there is none).</summary>
    private sealed class Container(int start)
    {
        public int Start { get; } = start;

        public int End { get; set; } = -1;

        public int LastMemberStart { get; set; } = -1;

        public int LastMemberEnd { get; set; } = -1;
    }
}
