using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Platform.Analyzers.Tests;

/// <summary>Keeps the rule catalogue, docs, release tracking and analysis-mode configs in sync.</summary>
public class ConventionTests
{
    private static readonly string RepoRoot = typeof(ConventionTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static readonly Assembly AnalyzerAssembly = typeof(Rules).Assembly;

    public static TheoryData<string> RuleIds { get; } = new(Rules.All.Select(r => r.Id));

    [Fact]
    public void Rule_ids_are_unique_and_well_formed()
    {
        var ids = Rules.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ids, id => Assert.Matches(@"^PLAT\d{4}$", id));
    }

    [Fact]
    public void Every_id_constant_has_a_descriptor_and_every_descriptor_an_id_constant()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!).OrderBy(id => id);
        Assert.Equal(constants, Rules.All.Select(r => r.Id).OrderBy(id => id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_docs_page_with_the_standard_sections_and_a_help_link_to_it(string id)
    {
        var descriptor = Rules.All.Single(r => r.Id == id);
        Assert.Equal($"https://github.com/platform/platform-sdk/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);

        var page = Path.Combine(RepoRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: ", text);
        foreach (var section in new[] { "## Why", "## Non-compliant code", "## Compliant code", "## Configuration", "## How to deviate" })
        {
            Assert.Contains(section, text);
        }

        Assert.Contains($"<PlatformDeviation Include=", text);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_listed_in_the_docs_index(string id)
    {
        var index = File.ReadAllText(Path.Combine(RepoRoot, "docs", "rules", "README.md"));
        Assert.Contains($"[{id}]({id}.md)", index);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_tracked_in_the_analyzer_release_files(string id)
    {
        var directory = Path.Combine(RepoRoot, "analyzers", "Platform.Analyzers");
        var tracked = File.ReadAllText(Path.Combine(directory, "AnalyzerReleases.Shipped.md")) +
                      File.ReadAllText(Path.Combine(directory, "AnalyzerReleases.Unshipped.md"));
        var descriptor = Rules.All.Single(r => r.Id == id);
        Assert.Matches(new Regex($@"^{id}\s*\|\s*{Regex.Escape(descriptor.Category)}\s*\|\s*Warning\s*\|", RegexOptions.Multiline), tracked);
    }

    [Theory]
    [InlineData("minimum")]
    [InlineData("recommended")]
    [InlineData("strict")]
    public void Analysis_mode_config_sets_every_rule_and_ranks_below_user_configs(string mode)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, "analyzers", "Platform.Analyzers", "config", mode + ".globalconfig"));
        Assert.Contains("is_global = true", text);
        var level = int.Parse(Regex.Match(text, @"^global_level\s*=\s*(-?\d+)", RegexOptions.Multiline).Groups[1].Value);
        Assert.True(level < 0, "user .globalconfig files default to level 0 or 100 and must win");
        foreach (var rule in Rules.All)
        {
            var severity = Regex.Match(text, $@"^dotnet_diagnostic\.{rule.Id}\.severity\s*=\s*(\w+)", RegexOptions.Multiline);
            Assert.True(severity.Success, $"{rule.Id} missing from {mode}");
            Assert.NotEqual("none", severity.Groups[1].Value); // 'none' would trip PLAT9003 on our own config
        }
    }

    [Fact]
    public void Recommended_mode_keeps_the_noisy_rules_out_and_strict_turns_them_on()
    {
        var recommended = File.ReadAllText(Path.Combine(RepoRoot, "analyzers", "Platform.Analyzers", "config", "recommended.globalconfig"));
        var strict = File.ReadAllText(Path.Combine(RepoRoot, "analyzers", "Platform.Analyzers", "config", "strict.globalconfig"));
        foreach (var id in new[] { "CA1848", "CA1873", "CA2007", "CA1062" })
        {
            Assert.Matches($@"dotnet_diagnostic\.{id}\.severity = none", recommended);
            Assert.Matches($@"dotnet_diagnostic\.{id}\.severity = warning", strict);
        }

        foreach (var id in new[] { "CA2254", "CA2016", "CA1849", "CA2017", "ASP0000" })
        {
            Assert.Matches($@"dotnet_diagnostic\.{id}\.severity = warning", recommended);
        }
    }

    [Fact]
    public void Every_analyzer_reports_only_catalogued_rules_and_every_rule_has_an_analyzer()
    {
        var analyzers = AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !typeof(DiagnosticSuppressor).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        Assert.All(analyzers, a => Assert.NotNull(a.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>()));
        var reported = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.All(reported, id => Assert.Contains(Rules.All, r => r.Id == id));
        Assert.All(Rules.All, r => Assert.Contains(r.Id, reported));
        Assert.All(Rules.All, r =>
        {
            Assert.Equal(DiagnosticSeverity.Warning, r.DefaultSeverity);
            Assert.True(r.IsEnabledByDefault);
            Assert.StartsWith("Platform.", r.Category);
        });
    }

    [Fact]
    public void Analyzer_files_are_named_after_their_class()
    {
        var directory = Path.Combine(RepoRoot, "analyzers", "Platform.Analyzers", "Analyzers");
        var analyzerTypes = AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !typeof(DiagnosticSuppressor).IsAssignableFrom(t));
        Assert.All(analyzerTypes, t => Assert.True(File.Exists(Path.Combine(directory, t.Name + ".cs")), t.Name));
    }

    [Fact]
    public void Standalone_package_props_expose_every_property_the_rules_read()
    {
        var props = File.ReadAllText(Path.Combine(RepoRoot, "analyzers", "Platform.Analyzers", "buildTransitive", "Platform.Analyzers.props"));
        foreach (var property in new[] { "PlatformProjectKind", "PlatformTelemetry", "PlatformDeviationIds", "PlatformAnalysisMode", "IsTestProject", "NoWarn" })
        {
            Assert.Contains($"<CompilerVisibleProperty Include=\"{property}\" />", props);
        }
    }
}
