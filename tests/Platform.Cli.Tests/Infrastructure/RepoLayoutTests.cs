using Platform.Cli.Infrastructure;

namespace Platform.Cli.Tests.Infrastructure;

/// <summary>Which projects a repo has: solutions read with the solution parser, links never multiplying the repo.</summary>
public sealed class RepoLayoutTests
{
    [Fact]
    public void A_symlink_loop_is_not_followed_and_each_project_counts_once()
    {
        var root = AtomicFileSetTests.NewRepo();
        AtomicFileSetTests.Write(root, "src/Lib/Lib.csproj", "<Project />");
        AtomicFileSetTests.Write(root, "src/Api/Api.csproj", "<Project />");
        Directory.CreateSymbolicLink(Path.Combine(root, "src", "Lib", "loop"), Path.Combine(root, "src"));
        Directory.CreateSymbolicLink(Path.Combine(root, "again"), root);

        var layout = RepoLayout.Discover(root);

        Assert.Equal(["src/Api/Api.csproj", "src/Lib/Lib.csproj"], layout.Projects.Select(layout.Relative));
    }

    [Fact]
    public void A_solution_filter_gives_the_projects_it_selects_from_its_solution_and_is_what_gets_built()
    {
        // As eShop's eShop.Web.slnf: a JSON file next to the solution, paths relative to the solution.
        var root = AtomicFileSetTests.NewRepo();
        AtomicFileSetTests.Write(root, "src/Api/Api.csproj", "<Project />");
        AtomicFileSetTests.Write(root, "src/Web/Web.csproj", "<Project />");
        AtomicFileSetTests.Write(root, "src/App/App.csproj", "<Project />");
        AtomicFileSetTests.Write(root, "Repo.slnx", "<Solution>\n  <Project Path=\"src/Api/Api.csproj\" />\n  <Project Path=\"src/Web/Web.csproj\" />\n  <Project Path=\"src/App/App.csproj\" />\n</Solution>\n");
        AtomicFileSetTests.Write(root, "Web.slnf", "{\n  // the web part\n  \"solution\": {\n    \"path\": \"Repo.slnx\",\n    \"projects\": [ \"src\\\\Api\\\\Api.csproj\", \"src/Web/Web.csproj\" ]\n  }\n}\n");

        var layout = RepoLayout.Discover(Path.Combine(root, "Web.slnf"));

        Assert.Equal(["src/Api/Api.csproj", "src/Web/Web.csproj"], layout.Projects.Select(layout.Relative));
        Assert.Equal([Path.Combine(root, "Web.slnf")], layout.BuildTargets);
    }

    [Theory]
    [InlineData("Repo.sln")]
    [InlineData("Repo.slnx")]
    public async Task A_solution_entry_whose_project_file_is_missing_fails_the_audit_instead_of_leaving_it(string solution)
    {
        var root = AtomicFileSetTests.NewRepo();
        AtomicFileSetTests.Write(root, "src/Lib/Lib.csproj", "<Project />");
        AtomicFileSetTests.Write(root, solution, solution.EndsWith(".slnx", StringComparison.Ordinal)
            ? "<Solution>\n  <Folder Name=\"/src/\">\n    <Project Path=\"src/Lib/Lib.csproj\" />\n    <Project Path=\"src/Gone/Gone.csproj\" />\n  </Folder>\n</Solution>\n"
            : """
              Microsoft Visual Studio Solution File, Format Version 12.00
              # Visual Studio Version 17
              Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Lib", "src\Lib\Lib.csproj", "{11111111-1111-1111-1111-111111111111}"
              EndProject
              Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Gone", "src\Gone\Gone.csproj", "{22222222-2222-2222-2222-222222222222}"
              EndProject
              Global
              EndGlobal
              """);

        var audit = await InProcessCli.RunAsync("audit", root, "--offline", "--min-level", "bronze");

        Assert.Equal(10, audit.ExitCode);
        Assert.Contains("src/Gone/Gone.csproj", audit.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet sln", audit.Error, StringComparison.Ordinal);
        Assert.False(audit.HasStackTrace, audit.ToString());
    }

    [Fact]
    public void Solution_folders_and_nested_projects_are_read_by_the_solution_parser()
    {
        var root = AtomicFileSetTests.NewRepo();
        AtomicFileSetTests.Write(root, "src/Lib/Lib.csproj", "<Project />");
        AtomicFileSetTests.Write(root, "tests/Lib.Tests/Lib.Tests.csproj", "<Project />");
        AtomicFileSetTests.Write(root, "Repo.slnx", "<Solution>\n  <Folder Name=\"/src/\"><Project Path=\"src/Lib/Lib.csproj\" /></Folder>\n  <Project Path=\"tests\\Lib.Tests\\Lib.Tests.csproj\" />\n</Solution>\n");

        var layout = RepoLayout.Discover(root);

        Assert.Equal(["src/Lib/Lib.csproj", "tests/Lib.Tests/Lib.Tests.csproj"], layout.Projects.Select(layout.Relative));
    }
}
