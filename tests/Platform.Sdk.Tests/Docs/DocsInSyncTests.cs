using System.Text.RegularExpressions;

namespace Platform.Sdk.Tests.Docs;

/// <summary>docs/properties.md and docs/errors.md cannot drift from the SDK's props and targets.</summary>
public partial class DocsInSyncTests
{
    private static readonly string SdkSourceDirectory = Path.Combine(RepoPaths.Root, "sdk", "Sdk");

    /// <summary>
    /// What the packages ship: Sdk/Sdk.props|targets and every concern file under build/ (not the packaging targets), and
    /// the buildTransitive files of the pattern packages (sdk/Platform.Patterns.*).
    /// </summary>
    private static string SdkFiles => string.Join('\n', new[] { "Sdk", "build" }
        .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(SdkSourceDirectory, folder)))
        .Concat(Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "sdk"), "Platform.Patterns.*")
            .Select(package => Path.Combine(package, "buildTransitive"))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder)))
        .Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
        .Select(File.ReadAllText));

    [Fact]
    public void Every_guarded_default_is_documented_in_properties_md()
    {
        var documented = DocumentedProperties();

        var defaults = GuardedDefault().Matches(SdkFiles)
            .Where(m => m.Groups["name"].Value == m.Groups["guard"].Value)
            .Select(m => m.Groups["name"].Value)
            .Where(name => !name.StartsWith('_'))
            .ToHashSet();

        Assert.NotEmpty(defaults);
        Assert.Empty(defaults.Except(documented).Order());
    }

    [Fact]
    public void Every_Platform_switch_the_SDK_reads_is_documented()
    {
        var documented = DocumentedProperties();

        var platformProperties = PropertyReference().Matches(SdkFiles)
            .Select(m => m.Groups["name"].Value)
            .Where(name => name.StartsWith("Platform", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Empty(platformProperties.Except(documented).Order());
    }

    [Fact]
    public void Every_documented_property_exists_in_the_SDK()
    {
        var sdk = SdkFiles;

        var stale = DocumentedProperties().Where(name => !sdk.Contains(name, StringComparison.Ordinal)).Order();

        Assert.Empty(stale);
    }

    [Fact]
    public void Every_PLAT_code_the_SDK_raises_is_in_errors_md()
    {
        var errorsDoc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "errors.md"));
        var taskSources = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "sdk", "Platform.Sdk.Tasks"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        var raised = PlatCode().Matches(SdkFiles + taskSources).Select(m => m.Value).ToHashSet();

        Assert.Contains("PLAT0001", raised);
        Assert.Empty(raised.Where(code => !errorsDoc.Contains("| " + code + " |", StringComparison.Ordinal)).Order());
    }

    private static HashSet<string> DocumentedProperties()
    {
        var markdown = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "properties.md"));
        return TableRow().Matches(markdown)
            .SelectMany(m => BacktickedName().Matches(m.Groups["cell"].Value).Select(n => n.Groups[1].Value))
            .ToHashSet();
    }

    // <Name Condition="'$(Name)' == ''">: a default the user can override.
    [GeneratedRegex(@"<(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+Condition=""\s*'\$\((?<guard>[A-Za-z_][A-Za-z0-9_]*)\)'\s*==\s*''")]
    private static partial Regex GuardedDefault();

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"PLAT0\d{3}")]
    private static partial Regex PlatCode();

    [GeneratedRegex(@"^\|\s*(?<cell>`[^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`([A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex BacktickedName();
}
