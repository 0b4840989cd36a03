using System.Xml;
using System.Xml.Linq;

namespace Platform.Cli.Adopt;

/// <summary>What adopt does with one project.</summary>
internal enum ConversionAction
{
    /// <summary>The Project element's Sdk attribute is replaced by a Platform SDK flavour.</summary>
    Replace,

    /// <summary>The project keeps its SDK (Razor, Worker, …) and gets <c>&lt;Sdk Name="Platform.Sdk" /&gt;</c>.</summary>
    Additive,

    /// <summary>Already on the kit: left alone (adopt is safe to run again).</summary>
    AlreadyOnKit,

    /// <summary>Cannot be converted; <see cref="ProjectConversion.Reason"/> says why.</summary>
    Skipped,
}

/// <summary>
/// The plan for one project: which SDK it is on, which Platform flavour it moves to and the edited text. The edit is
/// located with an XML reader (line and column of the Sdk attribute / first child) and spliced into the original
/// text, so everything else in the file (comments, spacing, line endings, BOM) stays as the user wrote it.
/// </summary>
internal sealed record ProjectConversion(string Path, string RelativePath, ConversionAction Action, string? FromSdk, string? ToSdk, string? Reason, string Before, string After)
{
    /// <summary>SDKs whose project keeps its SDK and gets the kit added (it needs that SDK's own targets).</summary>
    private static readonly HashSet<string> AdditiveSdks = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.NET.Sdk.Razor", "Microsoft.NET.Sdk.Worker",
    };

    private static readonly string[] TestPackages =
        ["Microsoft.NET.Test.Sdk", "xunit", "xunit.v3", "NUnit", "MSTest.TestFramework", "MSTest", "TUnit"];

    public static ProjectConversion Plan(string path, string relativePath, string text)
    {
        // A byte order mark stays where it is; the XML positions are those of the text after it.
        if (text.StartsWith('\uFEFF'))
        {
            var plan = Plan(path, relativePath, text[1..]);
            return plan with { Before = text, After = "\uFEFF" + plan.After };
        }

        ProjectConversion Skip(string reason, string? sdk = null) => new(path, relativePath, ConversionAction.Skipped, sdk, null, reason, text, text);

        var extension = System.IO.Path.GetExtension(path);
        if (!extension.Equals(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return Skip($"{extension} project: the kit's SDK and analyzers are for C#; it stays on its SDK");
        }

        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            return Skip($"the project file is not valid XML ({ex.Message})");
        }

        var project = document.Root;
        if (project is null || project.Name.LocalName != "Project")
        {
            return Skip("the root element is not <Project>");
        }

        var sdkAttribute = project.Attribute("Sdk");
        var childSdks = project.Elements().Where(e => e.Name.LocalName == "Sdk").Select(e => (string?)e.Attribute("Name") ?? string.Empty).ToList();
        var allSdks = (sdkAttribute?.Value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Split('/')[0]).Concat(childSdks).ToList();
        if (allSdks.Any(s => s.StartsWith("Platform.Sdk", StringComparison.OrdinalIgnoreCase)))
        {
            return new ProjectConversion(path, relativePath, ConversionAction.AlreadyOnKit, allSdks.First(s => s.StartsWith("Platform.Sdk", StringComparison.OrdinalIgnoreCase)), null, "already on the kit", text, text);
        }

        if (sdkAttribute is null)
        {
            return Skip(childSdks.Count == 0
                ? "not an SDK-style project (no Sdk attribute): move it to SDK style first (`dotnet upgrade-assistant`)"
                : "its SDKs are declared with <Sdk> elements only; put the main one in <Project Sdk=\"…\"> first");
        }

        var sdks = sdkAttribute.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (sdks.Length != 1)
        {
            return Skip($"it lists several SDKs in one attribute ('{sdkAttribute.Value}'); split them into <Sdk> elements first", sdkAttribute.Value);
        }

        var sdk = sdks[0].Split('/')[0];
        if (project.Descendants().Any(e => (e.Name.LocalName == "UseMaui" && e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase)) ||
                                           (e.Name.LocalName is "TargetFramework" or "TargetFrameworks" && MobileFramework(e.Value))))
        {
            return Skip("a MAUI / mobile app (it runs on devices): the kit is for services, libraries and their tests", sdk);
        }

        if (sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase))
        {
            return Replace(path, relativePath, text, sdkAttribute, sdk, "Platform.Sdk.Web");
        }

        if (sdk.Equals("Microsoft.NET.Sdk", StringComparison.OrdinalIgnoreCase))
        {
            if (!IsTestProject(project))
            {
                return Replace(path, relativePath, text, sdkAttribute, sdk, "Platform.Sdk");
            }

            // A test project keeps its own test stack: the kit's xunit references would duplicate it (NU1504).
            var converted = Replace(path, relativePath, text, sdkAttribute, sdk, "Platform.Sdk.Test");
            var reparsed = XDocument.Parse(converted.After, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace).Root!;
            return reparsed.Elements().FirstOrDefault() is { } firstChild
                ? converted with { After = InsertBefore(converted.After, firstChild, "<PropertyGroup><PlatformTestPackages>false</PlatformTestPackages></PropertyGroup>") }
                : converted;
        }

        if (AdditiveSdks.Contains(sdk))
        {
            var first = project.Elements().FirstOrDefault();
            if (first is null)
            {
                return Skip($"on {sdk} with an empty project body; add the kit by hand with <Sdk Name=\"Platform.Sdk\" />", sdk);
            }

            var after = InsertBefore(text, first, "<Sdk Name=\"Platform.Sdk\" />");
            return new ProjectConversion(path, relativePath, ConversionAction.Additive, sdk, "Platform.Sdk", null, text, after);
        }

        return Skip($"on the '{sdk}' SDK, which the kit does not wrap (it wraps Microsoft.NET.Sdk and .Web, and adds itself to .Razor and .Worker)", sdk);
    }

    private static bool MobileFramework(string frameworks) =>
        frameworks.Split(';').Any(f => f.Contains("-android", StringComparison.OrdinalIgnoreCase) || f.Contains("-ios", StringComparison.OrdinalIgnoreCase) ||
                                       f.Contains("-maccatalyst", StringComparison.OrdinalIgnoreCase) || f.Contains("-tizen", StringComparison.OrdinalIgnoreCase));

    private static bool IsTestProject(XElement project) =>
        project.Descendants().Any(e =>
            (e.Name.LocalName == "IsTestProject" && e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase)) ||
            (e.Name.LocalName == "PackageReference" && (string?)e.Attribute("Include") is { } id &&
             TestPackages.Any(p => id.Equals(p, StringComparison.OrdinalIgnoreCase))));

    private static ProjectConversion Replace(string path, string relativePath, string text, XAttribute attribute, string from, string to)
    {
        // The reader's position is the attribute name; the value starts after the first quote that follows it.
        var info = (IXmlLineInfo)attribute;
        var nameOffset = Offset(text, info.LineNumber, info.LinePosition);
        var quoteOffset = text.IndexOfAny(['"', '\''], nameOffset);
        var endOffset = text.IndexOf(text[quoteOffset], quoteOffset + 1);
        var after = string.Concat(text.AsSpan(0, quoteOffset + 1), to, text.AsSpan(endOffset));
        return new ProjectConversion(path, relativePath, ConversionAction.Replace, from, to, null, text, after);
    }

    /// <summary>Inserts a line before the element, with the element's own indentation and the file's line ending.</summary>
    private static string InsertBefore(string text, XElement element, string line)
    {
        var info = (IXmlLineInfo)element;
        var elementOffset = Offset(text, info.LineNumber, info.LinePosition) - 1; // LinePosition points after '<'.
        var lineStart = text.LastIndexOf('\n', Math.Max(0, elementOffset - 1)) + 1;
        var indent = text[lineStart..elementOffset];
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return string.IsNullOrWhiteSpace(indent) || indent.Length == 0
            ? text[..lineStart] + indent + line + newline + text[lineStart..]
            : string.Concat(text.AsSpan(0, elementOffset), line, " ", text.AsSpan(elementOffset));
    }

    private static int Offset(string text, int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line; current++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return offset + column - 1;
    }
}
