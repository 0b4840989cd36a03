namespace Platform.Templates.Tests;

/// <summary>
/// A repository scaffolded with platform-repo outside the kit's repo, its NuGet.config pointing at the freshly packed kit
/// (<c>--feed</c>), a git repository with a hosted-looking remote (as every CI checkout has, for SourceLink), and the
/// projects added with platform-api/-worker/-lib at its root.
/// </summary>
public sealed class GeneratedRepo
{
    private GeneratedRepo(TemplateHive templates, string root)
    {
        Templates = templates;
        Root = root;
    }

    public TemplateHive Templates { get; }

    public string Root { get; }

    public static async Task<GeneratedRepo> CreateAsync(string name, params string[] options)
    {
        var templates = await TemplateHive.GetAsync();
        var parent = TemplateHive.NewDirectory(name);
        var root = Path.Combine(parent, name);
        var result = await templates.NewAsync(parent, ["platform-repo", "-n", name, "-o", root, "--feed", templates.Kit.Directory, .. options]);
        Assert.True(result.Succeeded, result.ToString());
        return new GeneratedRepo(templates, root);
    }

    /// <summary>`dotnet new <paramref name="template"/>` at the repo root, as the repo's README says.</summary>
    public async Task AddAsync(string template, string name, params string[] options)
    {
        var result = await Templates.NewAsync(Root, [template, "-n", name, .. options]);
        Assert.True(result.Succeeded, result.ToString());
        Assert.DoesNotContain("Post action failed", result.Output, StringComparison.Ordinal);
        // The post action adds the projects to the repo's own solution (never to one further up the tree).
        var solution = File.ReadAllText(Path.Combine(Root, Path.GetFileName(Root) + ".sln"));
        Assert.Contains($"src\\{name}\\{name}.csproj", solution, StringComparison.Ordinal);
    }

    public async Task CommitAsync()
    {
        await Git("init", "-q", "-b", "main");
        await Git("remote", "add", "origin", "https://github.com/contoso/" + Path.GetFileName(Root).ToLowerInvariant() + ".git");
        await Git("add", "-A");
        await Git("-c", "user.email=tests@example.com", "-c", "user.name=tests", "commit", "-q", "-m", "scaffold");
    }

    /// <summary>
    /// What a team does with a new repo: a local `dotnet restore` writes the lock files (committed with the code), then CI
    /// runs the workflow's dotnet commands with CI=true (locked restore, warnings as errors). Binlogs of failed commands
    /// are kept under artifacts/test-results/binlogs.
    /// </summary>
    public async Task<IReadOnlyList<BuildResult>> BuildLikeCiAsync(IReadOnlyList<string> ciCommands)
    {
        var results = new List<BuildResult> { await DotNetAsync("dotnet restore", ci: false) };
        if (!results[^1].Succeeded)
        {
            return results;
        }

        await CommitAsync();
        foreach (var command in ciCommands)
        {
            results.Add(await DotNetAsync(command, ci: true));
            if (!results[^1].Succeeded)
            {
                break;
            }
        }

        return results;
    }

    private async Task<BuildResult> DotNetAsync(string commandLine, bool ci)
    {
        var arguments = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var binlog = Path.Combine(Root, "..", arguments[0] + "-" + Guid.NewGuid().ToString("N")[..6] + ".binlog");
        arguments.Add("-bl:" + binlog);
        var result = await ProcessRunner.RunAsync("dotnet", arguments, Root, ConsumerRepo.CiEnvironment(ci), TimeSpan.FromMinutes(8));
        if (!result.Succeeded && File.Exists(binlog))
        {
            Directory.CreateDirectory(RepoPaths.FailedBuildLogs);
            File.Copy(binlog, Path.Combine(RepoPaths.FailedBuildLogs, "templates-" + Path.GetFileName(Root) + "-" + Path.GetFileName(binlog)), overwrite: true);
        }

        return new BuildResult(result, binlog);
    }

    private async Task Git(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, Root);
        Assert.True(result.Succeeded, result.ToString());
    }
}
