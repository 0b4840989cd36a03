using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Governance;

/// <summary>
/// One repo with a project per <see cref="GovernanceCase"/>, built once (Debug), then audited once. Also the D1 repro:
/// a project built clean in Debug, then with a finding in Release; only the Release record (under obj\ as MSBuild
/// spells it) tells the truth.
/// </summary>
public sealed class BuildAndAuditFixture : IAsyncLifetime
{
    public const string ReadsTheClock = """
        namespace Probe;

        /// <summary>Stamps things.</summary>
        public static class Stamp
        {
            /// <summary>Now, from the wall clock (PLAT3001).</summary>
            public static System.DateTime Now() => System.DateTime.UtcNow;
        }
        """;

    public string Root { get; private set; } = string.Empty;

    public CommandResult Build { get; private set; } = null!;

    public CommandResult ReleaseBuild { get; private set; } = null!;

    /// <summary>`platform audit --offline --format json` of the whole repo, after both builds.</summary>
    public CliResult Audit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var feed = await KitFeed.GetAsync();
        var files = new Dictionary<string, string>
        {
            ["Cases.slnx"] = "<Solution>\n" + string.Concat(GovernanceCase.All.Select(c => $"  <Project Path=\"src/{c.Name}/{c.Name}.csproj\" />\n")) +
                "  <Project Path=\"src/Configurations/Configurations.csproj\" />\n</Solution>\n",
            ["src/Configurations/Configurations.csproj"] = "<Project Sdk=\"Platform.Sdk\">\n</Project>\n",
            ["src/Configurations/Greetings.cs"] = SampleCode.Library,
        };
        foreach (var c in GovernanceCase.All)
        {
            files[$"src/{c.Name}/{c.Name}.csproj"] = $"<Project Sdk=\"Platform.Sdk\">\n  {c.ProjectBody}\n</Project>\n";
            files[$"src/{c.Name}/Code.cs"] = c.Code ?? SampleCode.Library;
        }

        Root = await FixtureRepo.WriteAsync("governance-table", feed, files);
        // Sixteen small projects: a longer bound than FixtureRepo.BuildAsync's, for a loaded CI machine.
        Build = await ProcessRunner.RunAsync("dotnet", ["build", "Cases.slnx", "-nodeReuse:false", "-m:2", "-clp:NoSummary"], Root, timeout: TimeSpan.FromMinutes(15));

        // D1: the Release build has a finding the Debug build did not.
        await File.WriteAllTextAsync(Path.Combine(Root, "src", "Configurations", "Stamp.cs"), ReadsTheClock);
        ReleaseBuild = await ProcessRunner.RunAsync(
            "dotnet", ["build", "src/Configurations/Configurations.csproj", "-c", "Release", "-nodeReuse:false", "-clp:NoSummary"], Root, timeout: TimeSpan.FromMinutes(5));
        Audit = await InProcessCli.RunAsync("audit", Root, "--offline", "--format", "json");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public string RecordPath(string project, string configuration = "Debug") =>
        Path.Combine(Root, "src", project, "obj", "platform", configuration, "net10.0", "compliance.json");
}
