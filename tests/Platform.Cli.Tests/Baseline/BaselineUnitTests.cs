using Platform.Baselines;
using Platform.Cli.Baseline;

namespace Platform.Cli.Tests.Baseline;

/// <summary>The baseline's pure parts: the fingerprint, the file format, and how record and update change it.</summary>
public sealed class BaselineUnitTests
{
    [Fact]
    public void Fingerprint_ignores_indentation_and_spacing_but_not_code()
    {
        Assert.Equal(BaselineContract.Fingerprint("    var c = new HttpClient();"), BaselineContract.Fingerprint("var  c =\tnew HttpClient();   "));
        Assert.NotEqual(BaselineContract.Fingerprint("var c = new HttpClient();"), BaselineContract.Fingerprint("var d = new HttpClient();"));
        Assert.Matches("^[0-9a-f]{16}$", BaselineContract.Fingerprint("x"));
    }

    [Fact]
    public void Written_baseline_reads_back_the_same()
    {
        var document = new BaselineDocument("team-a", "2027-01-31",
        [
            new BaselineProject("src/A/A.csproj", [new BaselinePoint("2026-12-01", 3)],
            [
                new BaselineEntry("PLAT2001", "src/A/Client.cs", "0011223344556677", 2, "new HttpClient()"),
                new BaselineEntry("CA1822", "src/A/Math.cs", "8899aabbccddeeff", 1, null),
            ]),
        ]);

        var text = document.ToJsonText();
        var read = BaselineDocument.Parse(text, "baseline.json", out var problem);

        Assert.Null(problem);
        Assert.Equal(text, read!.ToJsonText());
        Assert.Equal(3, read.Count);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "PLAT0400")]
    [InlineData("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n", "PLAT0400")]
    [InlineData("""{ "schemaVersion": 1, "targetDate": "2027-01-01", "projects": [] }""", "PLAT0401")]
    [InlineData("""{ "schemaVersion": 1, "owner": "a", "targetDate": "next year", "projects": [] }""", "PLAT0401")]
    [InlineData("""{ "schemaVersion": 2, "owner": "a", "targetDate": "2027-01-01", "projects": [] }""", "PLAT0401")]
    [InlineData("""{ "schemaVersion": 1, "owner": "a", "targetDate": "2027-01-01", "projects": [ { "path": "a.csproj", "findings": [ { "rule": "PLAT2001" } ] } ] }""", "PLAT0401")]
    [InlineData("""{ "schemaVersion": 1, "owner": "a", "targetDate": "2027-01-01", "projects": [ { "path": "a.csproj", "findings": [ { "rule": 5, "file": "a.cs", "fingerprint": "x" } ] } ] }""", "PLAT0401")]
    public void A_broken_baseline_is_a_coded_problem_not_an_exception(string text, string code)
    {
        var document = BaselineDocument.Parse(text, "baseline.json", out var problem);

        Assert.Null(document);
        Assert.Equal(code, problem!.Code);
    }

    [Fact]
    public void Update_only_shrinks_and_adds_a_burn_down_point()
    {
        var baseline = new BaselineDocument("team-a", "2027-01-31",
        [
            new BaselineProject("a.csproj", [new BaselinePoint("2026-11-01", 3)],
            [
                new BaselineEntry("PLAT2001", "a.cs", "f1", 2, null),
                new BaselineEntry("PLAT3001", "a.cs", "f2", 1, null),
            ]),
        ]);
        CurrentFinding Finding(string rule, string fingerprint) => new("a.csproj", new BaselineEntry(rule, "a.cs", fingerprint, 1, null), "warning");

        // One PLAT2001 fixed, PLAT3001 still there, and a new finding that must not be added.
        var shrunk = BaselineMerge.Shrink(baseline, [Finding("PLAT2001", "f1"), Finding("PLAT3001", "f2"), Finding("PLAT5001", "f3")], ["a.csproj"], "2026-12-01");

        var project = Assert.Single(shrunk.Projects);
        Assert.Equal(2, project.Count);
        Assert.DoesNotContain(project.Findings, f => f.Rule == "PLAT5001");
        Assert.Equal(new BaselinePoint("2026-12-01", 2), project.BurnDown[^1]);
        Assert.Single(BaselineMerge.NotCovered(shrunk, [Finding("PLAT5001", "f3")]));
    }

    [Fact]
    public void Recording_or_updating_one_folder_keeps_the_baselined_projects_of_the_others()
    {
        // Two services of one git repo adopted one after the other share the repo's baseline.
        var baseline = new BaselineDocument("team-a", "2027-01-31",
        [
            new BaselineProject("samples/a/a.csproj", [new BaselinePoint("2026-11-01", 2)], [new BaselineEntry("PLAT1002", "samples/a/Program.cs", "f1", 2, null)]),
        ]);
        var b = new CurrentFinding("samples/b/b.csproj", new BaselineEntry("PLAT1003", "samples/b/Program.cs", "f2", 1, null), "warning");

        var recorded = BaselineMerge.Record(baseline, [b], ["samples/b/b.csproj"], "team-a", "2027-01-31", "2026-12-01");
        var updated = BaselineMerge.Shrink(recorded, [], ["samples/b/b.csproj"], "2026-12-02");

        Assert.Equal(2, recorded.Project("samples/a/a.csproj")!.Count);
        Assert.Equal(1, recorded.Project("samples/b/b.csproj")!.Count);
        Assert.Same(baseline.Projects[0], updated.Project("samples/a/a.csproj"));
        Assert.Equal(0, updated.Project("samples/b/b.csproj")!.Count);

        // Adopt's summary counts the folder it adopted, and names the shared file's total apart.
        Assert.Equal("baseline 1 finding(s) in the adopted projects, 3 in the repo's baseline (owner team-a, target 2027-01-31)",
            Platform.Cli.Adopt.AdoptRunner.BaselineSummary(1, recorded));
        Assert.Equal("baseline 2 finding(s) (owner team-a, target 2027-01-31)", Platform.Cli.Adopt.AdoptRunner.BaselineSummary(2, baseline));
    }

    [Fact]
    public void A_project_that_grew_past_its_last_point_is_over_its_allowance()
    {
        var project = new BaselineProject("a.csproj", [new BaselinePoint("2026-11-01", 1)],
            [new BaselineEntry("PLAT2001", "a.cs", "f1", 1, null), new BaselineEntry("PLAT2001", "b.cs", "f9", 1, null)]);

        Assert.True(project.Count > project.Allowed);
    }
}
