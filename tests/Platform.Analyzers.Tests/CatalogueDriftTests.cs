using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CodeFixes;
using Platform.Governance;

namespace Platform.Analyzers.Tests;

/// <summary>
/// The PLAT rule catalogue (sdk/Platform.Governance/Catalog/RuleCatalogue.cs) is the source of truth; every copy of it
/// must match. Each test checks one copy and its failure lists every difference with the file to fix, so adding a rule
/// is: a line in the catalogue, then what these tests ask for.
/// </summary>
public partial class CatalogueDriftTests
{
    private const string Catalogue = "sdk/Platform.Governance/Catalog/RuleCatalogue.cs";

    private static readonly string RepoRoot = typeof(CatalogueDriftTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Fact]
    public void The_descriptors_have_the_catalogues_ids_titles_and_categories()
    {
        var problems = new List<string>();
        Compare(problems, "analyzers/Platform.Analyzers/Rules.cs (Rules.All)", Rules.All.Select(r => r.Id));
        foreach (var descriptor in Rules.All)
        {
            if (RuleCatalogue.Find(descriptor.Id) is not { } rule)
            {
                continue;
            }

            if (descriptor.Title.ToString() != rule.Title)
            {
                problems.Add($"{rule.Id}: title is '{descriptor.Title}' in analyzers/Platform.Analyzers/Rules.cs but '{rule.Title}' in {Catalogue}; make them equal.");
            }

            if (descriptor.Category != rule.Category)
            {
                problems.Add($"{rule.Id}: category is '{descriptor.Category}' in analyzers/Platform.Analyzers/Rules.cs but '{rule.Category}' in {Catalogue}.");
            }
        }

        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        Compare(problems, "analyzers/Platform.Analyzers/DiagnosticIds.cs", constants);
        AssertNone(problems);
    }

    [Fact]
    public void The_release_tracking_files_track_every_rule_with_its_category()
    {
        const string file = "analyzers/Platform.Analyzers/AnalyzerReleases.Unshipped.md (or .Shipped.md)";
        var tracked = Read("analyzers/Platform.Analyzers/AnalyzerReleases.Shipped.md") + Read("analyzers/Platform.Analyzers/AnalyzerReleases.Unshipped.md");
        var rows = TrackedRow().Matches(tracked).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["category"].Value);
        var problems = new List<string>();
        Compare(problems, file, rows.Keys);
        foreach (var rule in RuleCatalogue.All.Where(r => rows.ContainsKey(r.Id) && rows[r.Id] != r.Category))
        {
            problems.Add($"{rule.Id}: category is '{rows[rule.Id]}' in {file} but '{rule.Category}' in {Catalogue}.");
        }

        AssertNone(problems);
    }

    [Theory]
    [InlineData("minimum")]
    [InlineData("recommended")]
    [InlineData("strict")]
    public void The_analysis_mode_globalconfig_sets_every_rule_to_the_catalogues_severity(string mode)
    {
        var file = $"analyzers/Platform.Analyzers/config/{mode}.globalconfig";
        var severities = GlobalconfigSeverity().Matches(Read(file)).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["severity"].Value);
        var problems = new List<string>();
        Compare(problems, file, severities.Keys);
        foreach (var rule in RuleCatalogue.All.Where(r => severities.ContainsKey(r.Id)))
        {
            var expected = mode == "minimum" ? rule.Minimum.ToString().ToLowerInvariant() : "warning";
            if (severities[rule.Id] != expected)
            {
                problems.Add($"{rule.Id}: dotnet_diagnostic.{rule.Id}.severity is '{severities[rule.Id]}' in {file}; the catalogue ({Catalogue}, Minimum) says '{expected}'.");
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void The_sdk_declares_the_catalogues_rules_and_settings_as_known_ids()
    {
        const string file = "sdk/Sdk/build/Platform.Deviations.props";
        var props = XDocument.Parse(Read(file));
        var rules = props.Descendants().Where(e => e.Name.LocalName == "_PlatformKnownRuleIds")
            .SelectMany(e => e.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(id => !id.StartsWith('$'));
        var settings = props.Descendants().Where(e => e.Name.LocalName == "_PlatformKnownSetting")
            .SelectMany(e => e.Attribute("Include")!.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var problems = new List<string>();
        Compare(problems, file + " (_PlatformKnownRuleIds)", rules);
        if (!settings.Order(StringComparer.Ordinal).SequenceEqual(SettingCatalogue.DeviationNames.Order(StringComparer.Ordinal)))
        {
            problems.Add($"{file} declares _PlatformKnownSetting '{string.Join(';', settings)}' but sdk/Platform.Governance/Catalog/SettingCatalogue.cs has '{string.Join(';', SettingCatalogue.DeviationNames)}'; make them equal.");
        }

        AssertNone(problems);
    }

    [Fact]
    public void The_sdk_props_declare_the_governance_defaults()
    {
        var deviations = XDocument.Parse(Read("sdk/Sdk/build/Platform.Deviations.props"));
        var compliance = XDocument.Parse(Read("sdk/Sdk/build/Platform.Compliance.props"));
        string Value(XDocument doc, string name) => doc.Descendants().Single(e => e.Name.LocalName == name).Value;

        // sdk/Platform.Governance/GovernanceDefaults.cs is the source; fix the props when these fail.
        Assert.Equal(GovernanceDefaults.WarnDays.ToString(System.Globalization.CultureInfo.InvariantCulture), Value(deviations, "PlatformDeviationWarnDays"));
        Assert.Equal(GovernanceDefaults.MaxDays.ToString(System.Globalization.CultureInfo.InvariantCulture), Value(deviations, "PlatformDeviationMaxDays"));
        Assert.Equal(GovernanceDefaults.RulePrefix, Value(compliance, "PlatformComplianceRulePrefixes"));
    }

    [Fact]
    public void The_rules_index_lists_every_rule_with_the_catalogues_title_category_and_code_fix()
    {
        const string file = "docs/rules/README.md";
        var index = Read(file);
        var rows = IndexRow().Matches(index).ToDictionary(m => m.Groups["id"].Value, m => m.Value.Trim());
        var problems = new List<string>();
        Compare(problems, file, rows.Keys);
        foreach (var rule in RuleCatalogue.All.Where(r => rows.ContainsKey(r.Id)))
        {
            var expected = $"| [{rule.Id}]({rule.Id}.md) | {rule.Title} | `{rule.Category}` | {(rule.HasCodeFix ? "yes" : "no")} |";
            if (rows[rule.Id] != expected)
            {
                problems.Add($"{file}: the row of {rule.Id} should read\n    {expected}\n  but reads\n    {rows[rule.Id]}");
            }
        }

        var minimumWarnings = string.Join(", ", RuleCatalogue.All.Where(r => r.Minimum == RuleSeverity.Warning).Select(r => r.Id));
        if (!index.Contains($"| `minimum` | {minimumWarnings} warn", StringComparison.Ordinal))
        {
            problems.Add($"{file}: the analysis-modes row of `minimum` should say '{minimumWarnings} warn'.");
        }

        AssertNone(problems);
    }

    [Fact]
    public void Every_rule_page_opens_with_the_catalogues_title_category_and_code_fix()
    {
        var problems = new List<string>();
        foreach (var rule in RuleCatalogue.All)
        {
            var file = $"docs/rules/{rule.Id}.md";
            if (!File.Exists(Path.Combine(RepoRoot, file)))
            {
                problems.Add($"{file} is missing: write it (sections: Why, Non-compliant code, Compliant code, Configuration, How to deviate).");
                continue;
            }

            var page = Read(file);
            foreach (var expected in new[] { $"# {rule.Id}: {rule.Title}\n", $"| Category | `{rule.Category}` |", $"| Code fix | {(rule.HasCodeFix ? "yes" : "no")} |" })
            {
                if (!page.Contains(expected, StringComparison.Ordinal))
                {
                    problems.Add($"{file} should contain '{expected.TrimEnd()}'.");
                }
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void The_code_fixes_are_the_catalogues_and_platform_upgrade_applies_them()
    {
        var fixable = typeof(Platform.Analyzers.CodeFixes.ConsoleOutputCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        // `platform upgrade --apply-fixes` runs RuleCatalogue.WithCodeFix (sdk/Platform.Cli): a fix provider without
        // HasCodeFix in the catalogue would never run there.
        Assert.Equal(RuleCatalogue.WithCodeFix.Order(StringComparer.Ordinal), fixable.Where(id => id.StartsWith("PLAT", StringComparison.Ordinal)));
    }

    /// <summary>Records the ids a copy has too many or too few, compared with the catalogue.</summary>
    private static void Compare(List<string> problems, string copy, IEnumerable<string> ids)
    {
        var found = ids.ToHashSet(StringComparer.Ordinal);
        var expected = RuleCatalogue.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(expected.Except(found).Order(StringComparer.Ordinal).Select(id => $"{id} is in {Catalogue} but missing from {copy}: add it there."));
        problems.AddRange(found.Except(expected).Order(StringComparer.Ordinal).Select(id => $"{id} is in {copy} but not in {Catalogue}: add it to the catalogue (or remove it from {copy})."));
    }

    private static void AssertNone(List<string> problems) =>
        Assert.True(problems.Count == 0, "The rule catalogue has drifted:\n- " + string.Join("\n- ", problems));

    private static string Read(string relative) => File.ReadAllText(Path.Combine(RepoRoot, relative)).ReplaceLineEndings("\n");

    [GeneratedRegex(@"^(?<id>PLAT\d{4})\s*\|\s*(?<category>[^|\s]+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TrackedRow();

    [GeneratedRegex(@"^dotnet_diagnostic\.(?<id>PLAT\d{4})\.severity\s*=\s*(?<severity>\w+)", RegexOptions.Multiline)]
    private static partial Regex GlobalconfigSeverity();

    [GeneratedRegex(@"^\| \[(?<id>PLAT\d{4})\]\(PLAT\d{4}\.md\) \|.*$", RegexOptions.Multiline)]
    private static partial Regex IndexRow();
}
