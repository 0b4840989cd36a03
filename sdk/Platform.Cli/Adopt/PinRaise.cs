using System.Xml;
using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;
using NuGet.Versioning;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Adopt;

/// <summary>Where a pin is written (the file and the element's attribute) or why adopt cannot raise it.</summary>
internal sealed record PinSite(string? File, string Element, string Attribute, string? Problem);

/// <summary>
/// Finds where a project's pin of a package is written, from MSBuild's own evaluation (the defining file of the
/// PackageReference's VersionOverride/Version, or of the central PackageVersion), and raises it in that file's text:
/// only the attribute's value changes, so comments and formatting stay. A version that comes from a property or a range
/// is not guessed at: the user is told what to set.
/// </summary>
internal static class PinRaise
{
    /// <summary>The project's assets file (ProjectAssetsFile), where a failed restore leaves its structured log.</summary>
    public static string? AssetsFile(ProjectCollection collection, string project) =>
        Evaluate(collection, project)?.GetPropertyValue("ProjectAssetsFile") is { Length: > 0 } file ? file : null;

    public static PinSite Locate(ProjectCollection collection, string project, string packageId)
    {
        if (Evaluate(collection, project) is not { } instance)
        {
            return new PinSite(null, string.Empty, string.Empty, "the project did not evaluate");
        }

        var reference = instance.GetItems("PackageReference").LastOrDefault(i => i.EvaluatedInclude.Equals(packageId, StringComparison.OrdinalIgnoreCase));
        if (reference is not null && reference.GetMetadataValue("VersionOverride") is { Length: > 0 })
        {
            return new PinSite(reference.GetMetadataValue("DefiningProjectFullPath"), "PackageReference", "VersionOverride", null);
        }

        if (instance.GetPropertyValue("ManagePackageVersionsCentrally").Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var central = instance.GetItems("PackageVersion").LastOrDefault(i => i.EvaluatedInclude.Equals(packageId, StringComparison.OrdinalIgnoreCase));
            return central is null
                ? new PinSite(null, "PackageVersion", "Version", "no PackageVersion item names it")
                : new PinSite(central.GetMetadataValue("DefiningProjectFullPath"), "PackageVersion", "Version", null);
        }

        return reference is null
            ? new PinSite(null, "PackageReference", "Version", "no PackageReference names it")
            : new PinSite(reference.GetMetadataValue("DefiningProjectFullPath"), "PackageReference", "Version", null);
    }

    /// <summary>
    /// The text with the <paramref name="site"/> attribute of every element for the package that pins a plain version
    /// below <paramref name="needed"/> set to it; null with the problem when there is nothing adopt can safely change.
    /// </summary>
    public static string? Raise(string text, PinSite site, string packageId, string neededVersion, out string? problem)
    {
        problem = null;
        var needed = NuGetVersion.Parse(neededVersion);
        var edits = new List<(int Start, int End)>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreComments = true });
            var info = (IXmlLineInfo)reader;
            var lines = XmlTextSpans.LineStarts(text);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != site.Element)
                {
                    continue;
                }

                string? id = null;
                (string Value, int Start, int End)? version = null;
                while (reader.MoveToNextAttribute())
                {
                    if (reader.LocalName is "Include" or "Update")
                    {
                        id = reader.Value.Trim();
                    }
                    else if (reader.LocalName == site.Attribute)
                    {
                        var (start, end) = XmlTextSpans.RawValueSpan(text, lines[info.LineNumber - 1] + info.LinePosition - 1);
                        version = (reader.Value, start, end);
                    }
                }

                reader.MoveToElement();
                if (!string.Equals(id, packageId, StringComparison.OrdinalIgnoreCase) || version is not { } value)
                {
                    continue;
                }

                if (!NuGetVersion.TryParse(value.Value.Trim(), out var current))
                {
                    problem = value.Value.Contains("$(", StringComparison.Ordinal)
                        ? $"its {site.Attribute} is '{value.Value}' (a property): set that property to {needed.ToNormalizedString()} or higher"
                        : $"its {site.Attribute} is '{value.Value}', not a plain version: make it {needed.ToNormalizedString()} or higher";
                    return null;
                }

                if (current < needed)
                {
                    edits.Add((value.Start, value.End));
                }
            }
        }
        catch (XmlException ex)
        {
            problem = $"the file is not valid XML (line {ex.LineNumber}: {ex.Message})";
            return null;
        }

        if (edits.Count == 0)
        {
            problem = $"no <{site.Element} Include=\"{packageId}\" {site.Attribute}=\"…\" /> below {needed.ToNormalizedString()} in it";
            return null;
        }

        foreach (var (start, end) in edits.OrderByDescending(e => e.Start))
        {
            text = text[..start] + needed.ToNormalizedString() + text[end..];
        }

        return text;
    }

    private static ProjectInstance? Evaluate(ProjectCollection collection, string project)
    {
        try
        {
            return ProjectInstance.FromFile(project, new ProjectOptions { ProjectCollection = collection });
        }
        catch (Exception ex) when (ex is InvalidProjectFileException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
