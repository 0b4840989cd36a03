using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Sdk.Tasks.Tests;

/// <summary>The governance MSBuild files and the docs stay in sync: every knob and every code is documented.</summary>
public sealed partial class GovernanceDocsTests
{
    private static readonly string Root = FindRoot();

    private static readonly string[] GovernanceFiles =
        ["Platform.Deviations.props", "Platform.Deviations.targets", "Platform.Compliance.props", "Platform.Compliance.targets"];

    public static TheoryData<string> PublicProperties()
    {
        var names = GovernanceFiles
            .SelectMany(f => XDocument.Load(Path.Combine(Root, "sdk", "Sdk", "build", f)).Descendants())
            .Where(e => e.Parent?.Name.LocalName == "PropertyGroup" && e.Name.LocalName.StartsWith("Platform", StringComparison.Ordinal))
            .Select(e => e.Name.LocalName)
            .Append("PlatformDeviationIds")
            .Append("PlatformComplianceLevel")
            .Distinct()
            .Order();
        return [.. names];
    }

    public static TheoryData<string> Codes() =>
        [.. typeof(Platform.Governance.GovernanceCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!)];

    [Theory]
    [MemberData(nameof(PublicProperties))]
    public void Every_public_property_has_a_row_in_properties_md(string property)
    {
        var governance = Section(File.ReadAllText(Path.Combine(Root, "docs", "properties.md")), "## Governance");

        Assert.Contains($"| `{property}` |", governance);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_is_in_errors_md(string code)
    {
        Assert.Contains($"| {code} |", File.ReadAllText(Path.Combine(Root, "docs", "errors.md")));
    }

    [Theory]
    [MemberData(nameof(GovernanceFileNames))]
    public void Every_governance_file_opens_with_what_it_owns_and_guards_its_defaults(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, "sdk", "Sdk", "build", file));
        Assert.StartsWith("<!--", text.TrimStart());

        if (file.EndsWith(".props", StringComparison.Ordinal))
        {
            var unguarded = XDocument.Parse(text).Descendants()
                .Where(e => e.Parent?.Name.LocalName == "PropertyGroup" && e.Name.LocalName.StartsWith("Platform", StringComparison.Ordinal))
                .Where(e => (string?)e.Attribute("Condition") != $"'$({e.Name.LocalName})' == ''")
                .Select(e => e.Name.LocalName);
            Assert.Empty(unguarded);
        }
    }

    [Fact]
    public void Conditions_reference_properties_with_a_dollar_sign()
    {
        foreach (var file in GovernanceFiles)
        {
            var text = File.ReadAllText(Path.Combine(Root, "sdk", "Sdk", "build", file));
            Assert.DoesNotMatch(BrokenPropertyReference(), text);
        }
    }

    public static TheoryData<string> GovernanceFileNames() => [.. GovernanceFiles];

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{heading}' not found");
        var next = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? markdown[start..] : markdown[start..next];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"PLAT\d{4}")]
    private static partial Regex RuleId();

    /// <summary>'(X)' without the $: a condition that silently compares a literal.</summary>
    [GeneratedRegex(@"'\((?!\$)[A-Za-z_]+\)'")]
    private static partial Regex BrokenPropertyReference();
}
