using System.Text.RegularExpressions;

namespace Platform.Cli.Upgrade;

/// <summary>
/// Versions written into MSBuild files: <c>Sdk="Platform.Sdk.Web/1.2.3"</c> (also inside a ';' list), and the
/// Version attribute of <c>&lt;Sdk Name="Platform.Sdk*" Version="…" /&gt;</c> and
/// <c>&lt;Import Sdk="Platform.Sdk*" Version="…" /&gt;</c>. Only the version text changes.
/// </summary>
public static partial class ProjectSdkReferences
{
    public static string Rewrite(string text, string version)
    {
        text = SdkAttribute().Replace(text, attribute =>
            VersionedSdk().Replace(attribute.Value, m => m.Groups["name"].Value + "/" + version));
        return SdkElement().Replace(text, element =>
        {
            var isPlatform = element.Groups["tag"].Value == "Sdk"
                ? PlatformName().IsMatch(element.Value)
                : PlatformImportSdk().IsMatch(element.Value);
            return isPlatform ? VersionAttribute().Replace(element.Value, m => m.Groups["prefix"].Value + version + m.Groups["quote"].Value) : element.Value;
        });
    }

    [GeneratedRegex("""\bSdk\s*=\s*"[^"]*"|\bSdk\s*=\s*'[^']*'""")]
    private static partial Regex SdkAttribute();

    [GeneratedRegex("""(?<name>\bPlatform\.Sdk(?:\.[A-Za-z0-9_]+)*)\s*/\s*[0-9]+(?:\.[0-9]+){1,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?""", RegexOptions.IgnoreCase)]
    private static partial Regex VersionedSdk();

    [GeneratedRegex("""<(?<tag>Sdk|Import)\b[^>]*>""")]
    private static partial Regex SdkElement();

    [GeneratedRegex("""\bName\s*=\s*["']Platform\.Sdk(?:\.[A-Za-z0-9_]+)*["']""", RegexOptions.IgnoreCase)]
    private static partial Regex PlatformName();

    [GeneratedRegex("""\bSdk\s*=\s*["']Platform\.Sdk(?:\.[A-Za-z0-9_]+)*["']""", RegexOptions.IgnoreCase)]
    private static partial Regex PlatformImportSdk();

    [GeneratedRegex("""(?<prefix>\bVersion\s*=\s*(?<quote>["']))[0-9]+(?:\.[0-9]+){1,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?\k<quote>""")]
    private static partial Regex VersionAttribute();
}
