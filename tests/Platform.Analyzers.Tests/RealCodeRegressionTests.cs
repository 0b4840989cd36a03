using System.Reflection;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

/// <summary>
/// The PLAT analyzers over excerpts of real OSS services (tests/Platform.Analyzers.Tests/RealCode, see its README):
/// the findings must equal RealCode/expected-findings.txt exactly, so a changed finding fails until the file is updated
/// on purpose (run with PLATFORM_UPDATE_REALCODE=1 to rewrite it, then review the diff). No analyzer may crash.
/// </summary>
public class RealCodeRegressionTests
{
    private static readonly string RepoRoot = typeof(RealCodeRegressionTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static string Root => Path.Combine(RepoRoot, "tests", "Platform.Analyzers.Tests", "RealCode");

    [Fact]
    public async Task Findings_on_real_code_match_the_expected_findings_file_exactly()
    {
        var projects = RealCodeProjects.ReadManifest(Root, Path.Combine(Root, "projects.txt"));
        Assert.All(projects, p => Assert.True(Directory.Exists(p.Directory), p.Directory));

        var (findings, crashes) = await RealCodeProjects.AnalyzeAsync(Root, projects, typeof(Rules).Assembly,
            new[] { ProjectSetup.ServiceDefaultsStub, File.ReadAllText(Path.Combine(Root, "package-surface.cs")) });

        Assert.Empty(crashes);
        var expectedFile = Path.Combine(Root, "expected-findings.txt");
        var actual = string.Join("\n", findings) + "\n";
        if (Environment.GetEnvironmentVariable("PLATFORM_UPDATE_REALCODE") == "1")
        {
            File.WriteAllText(expectedFile, actual);
        }

        var expected = File.ReadAllText(expectedFile).Replace("\r\n", "\n");
        var missing = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Except(findings).ToList();
        var unexpected = findings.Except(expected.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            "Real-code findings changed. Review, then update RealCode/expected-findings.txt (PLATFORM_UPDATE_REALCODE=1).\n" +
            "No longer reported:\n  " + string.Join("\n  ", missing) + "\nNewly reported:\n  " + string.Join("\n  ", unexpected));
    }
}
