using System.Xml;
using System.Xml.Linq;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Adopt;

/// <summary>
/// Adds the kit's feed to a NuGet.config with package source mapping (Platform.* from the feed), keeping the user's
/// sources working: with a mapping already there only the feed's entry is added; without one, every source the file
/// declares is mapped to <c>*</c>, as before. Edited through an XML parser with whitespace preserved; a second run
/// changes nothing.
/// </summary>
internal static class NuGetConfigFeed
{
    public const string FileName = "NuGet.config";
    public const string SourceKey = "platform";
    private const string Pattern = "Platform.*";

    /// <summary>The new text of the file (null: it does not exist yet), or the same text when nothing is missing.</summary>
    public static string WithFeed(string? text, string feed, string path)
    {
        if (text is null)
        {
            return $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="{SourceKey}" value="{Escape(feed)}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="{SourceKey}">
                      <package pattern="{Pattern}" />
                    </packageSource>
                    <packageSource key="nuget.org">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>

                """.ReplaceLineEndings("\n");
        }

        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw new CliException(ExitCodes.InvalidRepoFile, $"{path} is not valid XML ({ex.Message}). Fix it (or remove it) and run again; nothing was changed.");
        }

        var configuration = document.Root;
        if (configuration is null || configuration.Name.LocalName != "configuration")
        {
            throw new CliException(ExitCodes.InvalidRepoFile, $"{path} has no <configuration> root element. Fix it and run again; nothing was changed.");
        }

        var changed = false;
        var sources = Child(configuration, "packageSources", ref changed);
        var existing = sources.Elements("add").FirstOrDefault(a => SameFeed((string?)a.Attribute("value"), feed));
        var key = (string?)existing?.Attribute("key");
        var declaredKeys = sources.Elements("add").Select(a => (string?)a.Attribute("key")).OfType<string>().ToList();
        if (key is null)
        {
            key = declaredKeys.Contains(SourceKey, StringComparer.OrdinalIgnoreCase) ? SourceKey + "-kit" : SourceKey;
            AddChild(sources, new XElement("add", new XAttribute("key", key), new XAttribute("value", feed)));
            changed = true;
        }

        var mapping = configuration.Element("packageSourceMapping");
        if (mapping is null)
        {
            mapping = Child(configuration, "packageSourceMapping", ref changed);
            foreach (var other in declaredKeys.Where(k => !string.Equals(k, key, StringComparison.OrdinalIgnoreCase)))
            {
                AddChild(mapping, new XElement("packageSource", new XAttribute("key", other), new XElement("package", new XAttribute("pattern", "*"))));
            }
        }

        var mapped = mapping.Elements("packageSource").FirstOrDefault(p => string.Equals((string?)p.Attribute("key"), key, StringComparison.OrdinalIgnoreCase));
        if (mapped is null)
        {
            AddChild(mapping, new XElement("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", Pattern))));
            changed = true;
        }
        else if (!mapped.Elements("package").Any(p => string.Equals((string?)p.Attribute("pattern"), Pattern, StringComparison.OrdinalIgnoreCase)))
        {
            AddChild(mapped, new XElement("package", new XAttribute("pattern", Pattern)));
            changed = true;
        }

        if (!changed)
        {
            return text;
        }

        var declaration = document.Declaration is null ? string.Empty : document.Declaration + (text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n");
        return declaration + document.Root!.ToString(SaveOptions.DisableFormatting) + (text.EndsWith('\n') ? (text.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n") : string.Empty);
    }

    private static bool SameFeed(string? value, string feed) =>
        value is not null && string.Equals(value.TrimEnd('/', '\\'), feed.TrimEnd('/', '\\'), StringComparison.OrdinalIgnoreCase);

    private static string Escape(string value) => new XAttribute("v", value).ToString()[3..^1];

    private static XElement Child(XElement parent, string name, ref bool changed)
    {
        var child = parent.Element(name);
        if (child is null)
        {
            child = new XElement(name);
            AddChild(parent, child);
            changed = true;
        }

        return child;
    }

    /// <summary>Appends an element on its own line, indented one step deeper than its parent (two spaces).</summary>
    private static void AddChild(XElement parent, XElement child)
    {
        var parentIndent = Indent(parent);
        var last = parent.Nodes().LastOrDefault();
        if (last is XText trailing && string.IsNullOrWhiteSpace(trailing.Value))
        {
            trailing.AddBeforeSelf(new XText("\n" + parentIndent + "  "), child);
            return;
        }

        parent.Add(new XText("\n" + parentIndent + "  "), child, new XText("\n" + parentIndent));
    }

    private static string Indent(XElement element) =>
        element.PreviousNode is XText text && text.Value.LastIndexOf('\n') is var newline and >= 0
            ? text.Value[(newline + 1)..]
            : string.Empty;
}
