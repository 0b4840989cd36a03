using System.Security;
using System.Xml;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Upgrade;

/// <summary>
/// The kit versions written into an MSBuild file: <c>Sdk="Platform.Sdk.Web/1.2.3"</c> (also one entry of a ';' list) on
/// <c>Project</c> or <c>Import</c>, and the Version attribute of <c>&lt;Sdk Name="Platform.Sdk*" /&gt;</c> and
/// <c>&lt;Import Sdk="Platform.Sdk*" /&gt;</c>. The file is read with an XML reader (comments and other SDKs such as
/// <c>Contoso.Platform.Sdk/2.3.0</c> are left alone: the name must equal a kit SDK), and only the version text of those
/// attributes is replaced, so the rest of the file stays byte for byte.
/// </summary>
public static class ProjectSdkReferences
{
    /// <summary>The text with every kit SDK version set to <paramref name="version"/>; a <see cref="FormatException"/> (with the line) when the file is not XML.</summary>
    public static string Rewrite(string text, KitVersion version)
    {
        if (!text.Contains("Platform.Sdk", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var edits = new List<(int Start, int End, string Raw)>();
        var lines = XmlTextSpans.LineStarts(text);
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreComments = true });
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName is not ("Project" or "Import" or "Sdk"))
                {
                    continue;
                }

                var element = reader.LocalName;
                var attributes = new Dictionary<string, (string Value, int Start, int End)>(StringComparer.Ordinal);
                while (reader.MoveToNextAttribute())
                {
                    var (start, end) = XmlTextSpans.RawValueSpan(text, lines[info.LineNumber - 1] + info.LinePosition - 1);
                    attributes[reader.LocalName] = (reader.Value, start, end);
                }

                reader.MoveToElement();
                if (element is "Project" or "Import" && attributes.TryGetValue("Sdk", out var sdk) && RewriteSdkList(sdk.Value, version) is { } list)
                {
                    var raw = text[sdk.Start..sdk.End];
                    edits.Add((sdk.Start, sdk.End, raw == sdk.Value ? list : SecurityElement.Escape(list)));
                }

                var name = element == "Sdk" ? attributes.GetValueOrDefault("Name").Value : element == "Import" ? attributes.GetValueOrDefault("Sdk").Value : null;
                if (KitSdks.IsKitSdk(name) && attributes.TryGetValue("Version", out var current)
                    && KitVersion.TryParse(current.Value.Trim(), out _, out _) && current.Value != version.Value)
                {
                    edits.Add((current.Start, current.End, version.Value));
                }
            }
        }
        catch (XmlException ex)
        {
            throw new FormatException($"it is not valid XML (line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message})", ex);
        }

        foreach (var (start, end, raw) in edits.OrderByDescending(e => e.Start))
        {
            text = text[..start] + raw + text[end..];
        }

        return text;
    }

    /// <summary>The ';' list with each kit entry's version replaced (spacing kept), or null when nothing changes.</summary>
    private static string? RewriteSdkList(string value, KitVersion version)
    {
        var changed = false;
        var entries = value.Split(';');
        for (var i = 0; i < entries.Length; i++)
        {
            var slash = entries[i].IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !KitSdks.IsKitSdk(entries[i][..slash]))
            {
                continue;
            }

            var tail = entries[i][(slash + 1)..];
            var current = tail.Trim();
            if (!KitVersion.TryParse(current, out _, out _) || current == version.Value)
            {
                continue;
            }

            var lead = tail[..(tail.Length - tail.TrimStart().Length)];
            var trail = tail[tail.TrimEnd().Length..];
            entries[i] = entries[i][..(slash + 1)] + lead + version.Value + trail;
            changed = true;
        }

        return changed ? string.Join(';', entries) : null;
    }
}
