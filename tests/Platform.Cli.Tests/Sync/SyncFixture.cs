using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Sync;

/// <summary>
/// The scenario, run once for every sync test: a repo scaffolded with template version A (platform-repo +
/// platform-api "Orders"), customised and committed (a changed Program.cs line, an added workflow step, .editorconfig
/// left alone), then `platform sync --dry-run`, `platform sync` (to B, the newest in the repo's feed) and `platform sync`
/// again. <see cref="CopyScaffold"/> hands bad-input tests their own copy of the customised repo, before any sync.
/// </summary>
public sealed class SyncFixture : IAsyncLifetime
{
    public const string Name = "Shop";
    public const string ProgramCs = "src/Orders/Program.cs";
    public const string Workflow = ".github/workflows/ci.yml";
    public const string CustomStep = "      - name: Lint the team's scripts\n        run: shellcheck scripts/*.sh\n\n";
    public const string CustomLine = "builder.Services.AddSingleton(TimeProvider.System); // the team's clock, swapped in tests";

    public TemplateFeed Feed { get; private set; } = null!;

    /// <summary>The scaffolded, customised repo before any sync (never changed by a test).</summary>
    public string Scaffold { get; private set; } = string.Empty;

    /// <summary>The repo the scenario synced.</summary>
    public string Root { get; private set; } = string.Empty;

    public CliResult DryRun { get; private set; } = null!;

    public string StatusAfterDryRun { get; private set; } = string.Empty;

    public CliResult Sync { get; private set; } = null!;

    public string DiffAfterSync { get; private set; } = string.Empty;

    public CliResult Again { get; private set; } = null!;

    public string DiffAfterAgain { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Feed = await TemplateFeed.GetAsync();
        var work = Path.Combine(RepoPaths.TempRoot, "repos", "sync-" + Guid.NewGuid().ToString("N")[..8]);
        var hive = Path.Combine(work, "hive");
        Directory.CreateDirectory(work);
        await Run(work, "dotnet", "new", "install", Feed.PackageA, "--debug:custom-hive", hive);
        Scaffold = Path.Combine(work, Name);
        await Run(work, "dotnet", "new", "platform-repo", "-n", Name, "-o", Scaffold, "--feed", Feed.Directory, "--no-update-check", "--debug:custom-hive", hive);
        await Run(Scaffold, "dotnet", "new", "platform-api", "-n", "Orders", "--no-update-check", "--debug:custom-hive", hive);
        await Run(Scaffold, "git", "init", "-q", "-b", "main");
        await Commit(Scaffold, "scaffold with template A");

        Edit(Scaffold, ProgramCs, "builder.Services.AddSingleton(TimeProvider.System);", CustomLine);
        Edit(Scaffold, Workflow, "      - name: Test\n        run: dotnet test --no-build --configuration Release\n\n", "      - name: Test\n        run: dotnet test --no-build --configuration Release\n\n" + CustomStep);
        await Commit(Scaffold, "the team's changes");

        Root = CopyScaffold("synced");
        DryRun = await InProcessCli.RunAsync("sync", Root, "--dry-run");
        StatusAfterDryRun = await Git(Root, "status", "--porcelain");
        Sync = await InProcessCli.RunAsync("sync", Root);
        DiffAfterSync = await Git(Root, "diff");
        Again = await InProcessCli.RunAsync("sync", Root);
        DiffAfterAgain = await Git(Root, "diff");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh copy of the customised repo (git history included) for one test.</summary>
    public string CopyScaffold(string name)
    {
        var copy = Path.Combine(RepoPaths.TempRoot, "repos", "sync-" + name + "-" + Guid.NewGuid().ToString("N")[..8], Name);
        TemplateFeed.CopyFolder(Scaffold, copy);
        return copy;
    }

    public string Read(string root, string relative) => File.ReadAllText(Path.Combine(root, relative));

    public static async Task<string> Git(string root, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, root);
        Assert.True(result.Succeeded, result.ToString());
        return result.StandardOutput;
    }

    public static async Task Commit(string root, string message)
    {
        await Run(root, "git", "add", "-A");
        await Run(root, "git", "-c", "user.email=tests@example.com", "-c", "user.name=tests", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message);
    }

    private static void Edit(string root, string relative, string old, string @new)
    {
        var path = Path.Combine(root, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(old, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(old, @new, StringComparison.Ordinal));
    }

    private static async Task Run(string workingDirectory, string fileName, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(fileName, arguments, workingDirectory, timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.Succeeded, result.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class SyncCollection : ICollectionFixture<SyncFixture>
{
    public const string Name = "sync";
}
