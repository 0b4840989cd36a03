using Platform.Baselines;
using Platform.Cli.Upgrade;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>upgrade's code fixes leave baselined findings alone: each rule's run excludes the files of its baselined findings.</summary>
public sealed class CodeFixRunsTests
{
    [Fact]
    public void Rules_with_baselined_findings_run_without_those_files_and_the_others_share_one_run()
    {
        var baseline = new BaselineDocument("team-a", "2027-06-30",
        [
            new BaselineProject("src/Api/Api.csproj", [new BaselinePoint("2026-12-01", 3)],
            [
                new BaselineEntry("PLAT1002", "src/Api/Program.cs", "f1", 1, null),
                new BaselineEntry("PLAT1003", "src/Api/Program.cs", "f2", 1, null),
                new BaselineEntry("PLAT3001", "src/Api/Clock.cs", "f3", 1, null),
            ]),
        ]);

        var runs = CodeFixRuns.Plan(["PLAT1001", "PLAT1002", "PLAT1003", "PLAT3001", "PLAT5001"], baseline, path => "../" + path);

        Assert.Equal(3, runs.Count);
        Assert.Equivalent(new CodeFixRun(["PLAT1001", "PLAT5001"], []), runs.Single(r => r.Rules.Contains("PLAT1001")), strict: true);
        Assert.Equivalent(new CodeFixRun(["PLAT1002", "PLAT1003"], ["../src/Api/Program.cs"]), runs.Single(r => r.Rules.Contains("PLAT1002")), strict: true);
        Assert.Equivalent(new CodeFixRun(["PLAT3001"], ["../src/Api/Clock.cs"]), runs.Single(r => r.Rules.Contains("PLAT3001")), strict: true);
        Assert.Equivalent(new CodeFixRun(["PLAT3001"], []), Assert.Single(CodeFixRuns.Plan(["PLAT3001"], null, p => p)), strict: true);
    }
}
