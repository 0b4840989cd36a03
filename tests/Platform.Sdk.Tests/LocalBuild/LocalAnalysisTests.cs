namespace Platform.Sdk.Tests.LocalBuild;

/// <summary>
/// Platform.LocalBuild.props/.targets: a developer's command-line build leaves code style and the broad .NET rule set
/// to the IDE and CI; CI, the IDE's design-time build and PlatformLocalAnalysis=full analyse everything.
/// </summary>
public class LocalAnalysisTests
{
    private const string CodeStyleAnalyzer = "Microsoft.CodeAnalysis.CSharp.CodeStyle.dll";

    // IDE0040 (code style, from .editorconfig), CA2208 (latest-recommended only) and PLAT3001 (a PLAT rule) in one file.
    private const string EditorConfig = """
        root = true
        [*.cs]
        dotnet_style_require_accessibility_modifiers = always
        dotnet_diagnostic.IDE0040.severity = warning
        """;

    private const string CodeWithThreeKindsOfFindings = """
        namespace Probe;

        /// <summary>One finding of each kind.</summary>
        public static class Clock
        {
            static readonly DateTime Started = DateTime.UtcNow;

            /// <summary>CA2208: the parameter name does not exist.</summary>
            public static DateTime Since(int days) =>
                days >= 0 ? Started.AddDays(-days) : throw new ArgumentException("negative", "count");
        }
        """;

    public static TheoryData<string, bool, string?> FullAnalysisBuilds => new()
    {
        { "CI", true, null },
        { "design-time build (Visual Studio, Dev Kit)", false, "DesignTimeBuild=true" },
        { "design-time build (Roslyn MSBuildWorkspace: csharp-ls, dotnet format)", false, "BuildingProject=false" },
        { "build inside Visual Studio", false, "BuildingInsideVisualStudio=true" },
        { "local build with the switch", false, "PlatformLocalAnalysis=full" },
    };

    [Fact]
    public async Task A_local_command_line_build_skips_code_style_and_the_broad_rule_set_but_keeps_the_PLAT_rules()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WriteAsync();

        var project = repo.Evaluate(ci: false);

        Assert.Equal("false", project.Property("_PlatformFullAnalysis"));
        Assert.Equal("false", project.Property("EnforceCodeStyleInBuild"));
        Assert.DoesNotContain(project.ItemsOf("Analyzer"), a => a.Include.EndsWith(CodeStyleAnalyzer, StringComparison.Ordinal));
        Assert.NotEqual("latest-recommended", project.Property("AnalysisLevel"));
        Assert.Contains(project.ItemsOf("Analyzer"), a => a.Include.EndsWith("Platform.Analyzers.dll", StringComparison.Ordinal));
        Assert.Contains(project.ItemsOf("GlobalAnalyzerConfigFiles"), c => c.Include.EndsWith("analyzers/recommended.globalconfig", StringComparison.Ordinal));
        Assert.EndsWith(".sarif,version=2.1", project.Property("ErrorLog"), StringComparison.Ordinal);
        Assert.Equal("true", project.Property("GenerateDocumentationFile"));
    }

    [Theory]
    [MemberData(nameof(FullAnalysisBuilds))]
    public async Task These_builds_analyse_everything(string build, bool ci, string? globalProperty)
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WriteAsync();
        var globals = globalProperty is null ? null : new Dictionary<string, string> { [globalProperty.Split('=')[0]] = globalProperty.Split('=')[1] };

        var project = repo.Evaluate(ci, globals);

        Assert.True(project.Property("_PlatformFullAnalysis") == "true", build);
        Assert.Equal("true", project.Property("EnforceCodeStyleInBuild"));
        Assert.Contains(project.ItemsOf("Analyzer"), a => a.Include.EndsWith(CodeStyleAnalyzer, StringComparison.Ordinal));
        Assert.Equal("latest-recommended", project.Property("AnalysisLevel"));
    }

    [Theory]
    [InlineData("true", false)]
    [InlineData("false", true)]
    public async Task The_project_decides_EnforceCodeStyleInBuild_when_it_sets_it(string value, bool ci)
    {
        var repo = await ConsumerProject.Create().WithProperty("EnforceCodeStyleInBuild", value).WriteAsync();

        Assert.Equal(value, repo.Evaluate(ci).Property("EnforceCodeStyleInBuild"));
    }

    [Fact]
    public async Task Locally_only_the_PLAT_rule_warns_while_the_switch_and_CI_report_all_three_and_CI_fails()
    {
        var repo = await ConsumerProject.Create()
            .WithRepoFile(".editorconfig", EditorConfig)
            .WithFile("Clock.cs", CodeWithThreeKindsOfFindings)
            .WriteAsync();

        var local = await repo.BuildAsync(ci: false);
        var full = await repo.BuildAsync(ci: false, "-p:PlatformLocalAnalysis=full");
        var ci = await repo.BuildAsync(ci: true);

        Assert.True(local.Succeeded, local.ToString());
        Assert.Contains("PLAT3001", local.WarningCodes);
        Assert.DoesNotContain("IDE0040", local.WarningCodes);
        Assert.DoesNotContain("CA2208", local.WarningCodes);
        Assert.True(full.Succeeded, full.ToString());
        Assert.Superset(new HashSet<string> { "PLAT3001", "IDE0040", "CA2208" }, full.WarningCodes.ToHashSet());
        Assert.False(ci.Succeeded, ci.ToString());
        Assert.Superset(new HashSet<string> { "PLAT3001", "IDE0040", "CA2208" }, ci.ErrorCodes.ToHashSet());
    }

    [Fact]
    public async Task The_design_time_build_hands_the_IDE_every_analyzer_and_the_full_rule_set()
    {
        var repo = await ConsumerProject.Create().WithRepoFile(".editorconfig", EditorConfig).WriteAsync();
        var restore = await repo.RestoreAsync();
        Assert.True(restore.Succeeded, restore.ToString());

        // What Roslyn's MSBuildWorkspace (csharp-ls, dotnet format) asks MSBuild for: the compiler's command line, not a compile.
        var designTime = await repo.DotNetAsync([
            "msbuild", repo.ProjectPath, "-nologo", "-nodeReuse:false", "-t:Compile", "-getItem:CscCommandLineArgs",
            "-p:DesignTimeBuild=true", "-p:BuildingProject=false", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true"]);

        Assert.True(designTime.Succeeded, designTime.ToString());
        Assert.Contains(CodeStyleAnalyzer, designTime.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Platform.Analyzers.dll", designTime.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("analysislevel_10_recommended", designTime.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_baseline_the_compiler_never_loads_the_baseline_suppressor()
    {
        // It names ~19,000 suppressible ids; only a project with baselined findings pays for that (the baseline e2e in
        // Platform.Cli.Tests proves it is loaded, and suppresses, when there are some).
        var repo = await ConsumerProject.Create().WriteAsync();
        var restore = await repo.RestoreAsync();
        Assert.True(restore.Succeeded, restore.ToString());

        // The compiler's command line of a real (not design-time) build, without running the compiler.
        var build = await repo.DotNetAsync([
            "msbuild", repo.ProjectPath, "-nologo", "-nodeReuse:false", "-t:Compile", "-getItem:CscCommandLineArgs",
            "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true"]);

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("Platform.Analyzers.dll", build.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Platform.Analyzers.Baselines.dll", build.StandardOutput, StringComparison.Ordinal);
        // No compile ran, so no SARIF log: the compliance record keeps its previous state instead of warning (PLAT0161).
        Assert.DoesNotContain("PLAT0161", build.StandardOutput, StringComparison.Ordinal);
    }
}
