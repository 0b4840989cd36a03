using System.Xml;
using System.Xml.Linq;

namespace Platform.Cli.Upgrade;

/// <summary>
/// A NuGet.config read with an XML parser and edited as XML, keeping the user's comments, element order and
/// whitespace: package sources (<c>packageSources/add</c>) and package source mapping
/// (<c>packageSourceMapping/packageSource/package</c>). Values are escaped by the XML writer, so any URL or folder
/// (<c>&amp;</c>, quotes, backslashes, unicode) round-trips.
/// </summary>
public sealed class NuGetConfigDocument
{
    private readonly XDocument _document;
    private readonly string _newline;

    private NuGetConfigDocument(XDocument document, string newline)
    {
        _document = document;
        _newline = newline;
    }

    /// <summary>Package sources by key, in file order (after a <c>&lt;clear /&gt;</c>, only the ones that follow it).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sources =>
        Section("packageSources")?.Elements().Aggregate(new List<KeyValuePair<string, string>>(), (list, element) =>
        {
            if (element.Name.LocalName == "clear")
            {
                list.Clear();
            }
            else if (element.Name.LocalName == "add" && element.Attribute("key") is { } key && element.Attribute("value") is { } value)
            {
                list.Add(new(key.Value, value.Value));
            }

            return list;
        }) ?? [];

    /// <summary>The package patterns mapped to a source key.</summary>
    public IReadOnlyList<string> PatternsOf(string sourceKey) =>
        MappingOf(sourceKey)?.Elements("package").Select(p => (string?)p.Attribute("pattern")).OfType<string>().ToList() ?? [];

    /// <summary>Parses the text; a <see cref="FormatException"/> with the line when it is not a NuGet.config.</summary>
    public static NuGetConfigDocument Parse(string text)
    {
        try
        {
            var document = XDocument.Parse(text, LoadOptions.PreserveWhitespace);
            if (document.Root?.Name.LocalName != "configuration")
            {
                throw new FormatException("its root element is not <configuration>");
            }

            return new NuGetConfigDocument(document, text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n");
        }
        catch (XmlException ex)
        {
            throw new FormatException($"it is not valid XML (line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message})", ex);
        }
    }

    /// <summary>Adds the source, or sets its value when the key is there.</summary>
    public NuGetConfigDocument WithSource(string key, string value)
    {
        var sources = Section("packageSources") ?? AddSection("packageSources");
        var existing = sources.Elements("add").LastOrDefault(e => string.Equals((string?)e.Attribute("key"), key, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            existing.SetAttributeValue("value", value);
        }
        else
        {
            AddChild(sources, new XElement("add", new XAttribute("key", key), new XAttribute("value", value)));
        }

        return this;
    }

    /// <summary>Maps <paramref name="pattern"/> (e.g. <c>Platform.*</c>) to the source, creating the mapping section when needed.</summary>
    public NuGetConfigDocument WithMapping(string sourceKey, string pattern)
    {
        var mapping = MappingOf(sourceKey);
        if (mapping is null)
        {
            mapping = new XElement("packageSource", new XAttribute("key", sourceKey));
            AddChild(Section("packageSourceMapping") ?? AddSection("packageSourceMapping"), mapping);
        }

        if (!PatternsOf(sourceKey).Contains(pattern, StringComparer.OrdinalIgnoreCase))
        {
            AddChild(mapping, new XElement("package", new XAttribute("pattern", pattern)));
        }

        return this;
    }

    /// <summary>The XML text (the declaration kept when the file had one).</summary>
    public override string ToString()
    {
        var body = _document.ToString(SaveOptions.DisableFormatting);
        // The whitespace after the declaration is kept as a node of the document when the file had it.
        return _document.Declaration is null ? body
            : _document.Declaration + (body.StartsWith('\n') || body.StartsWith('\r') ? string.Empty : _newline) + body;
    }

    private XElement? Section(string name) => _document.Root!.Element(name);

    private XElement? MappingOf(string sourceKey) =>
        Section("packageSourceMapping")?.Elements("packageSource").FirstOrDefault(e => string.Equals((string?)e.Attribute("key"), sourceKey, StringComparison.OrdinalIgnoreCase));

    private XElement AddSection(string name)
    {
        var section = new XElement(name);
        AddChild(_document.Root!, section);
        return section;
    }

    /// <summary>Appends a child on its own line, indented like its siblings (or two spaces deeper than the parent).</summary>
    private void AddChild(XElement parent, XElement child)
    {
        var parentIndent = Indent(parent);
        var siblingIndent = parent.Elements().Select(Indent).FirstOrDefault(i => i.Length > 0) ?? parentIndent + "  ";
        if (parent.IsEmpty || !parent.Nodes().Any())
        {
            parent.Add(new XText(_newline + siblingIndent), child, new XText(_newline + parentIndent));
            return;
        }

        var last = parent.Nodes().Last();
        if (last is XText closing && string.IsNullOrWhiteSpace(closing.Value))
        {
            closing.AddBeforeSelf(new XText(_newline + siblingIndent), child);
        }
        else
        {
            parent.Add(new XText(_newline + siblingIndent), child, new XText(_newline + parentIndent));
        }
    }

    private static string Indent(XElement element) =>
        element.PreviousNode is XText text && text.Value.Contains('\n', StringComparison.Ordinal) ? text.Value[(text.Value.LastIndexOf('\n') + 1)..] : string.Empty;
}
