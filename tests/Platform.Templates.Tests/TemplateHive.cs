namespace Platform.Templates.Tests;

/// <summary>
/// The template pack from the freshly packed kit, installed once per test run into an isolated template hive
/// (<c>--debug:custom-hive</c>, its own DOTNET_CLI_HOME), so the machine's installed templates are never read or changed.
/// Every `dotnet new` passes <c>--no-update-check</c>: offline, the update check costs seconds per call.
/// </summary>
public sealed class TemplateHive
{
    private static readonly Lazy<Task<TemplateHive>> Shared = new(InstallAsync);

    private TemplateHive(KitFeed kit, string hive, string cliHome)
    {
        Kit = kit;
        HivePath = hive;
        CliHome = cliHome;
    }

    public KitFeed Kit { get; }

    public string HivePath { get; }

    public string CliHome { get; }

    public static Task<TemplateHive> GetAsync() => Shared.Value;

    /// <summary>A fresh folder under the temp root (outside the kit's repo, so its Directory.Build.props never applies).</summary>
    public static string NewDirectory(string name)
    {
        var path = Path.Combine(RepoPaths.TempRoot, "templates", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>`dotnet new <paramref name="arguments"/>` in <paramref name="workingDirectory"/>, against the isolated hive.</summary>
    public Task<CommandResult> NewAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, ["new", .. arguments, "--no-update-check", "--debug:custom-hive", HivePath]);

    /// <summary>`dotnet new list <paramref name="filter"/>` against the isolated hive (list has no update check to skip).</summary>
    public Task<CommandResult> ListAsync(string filter) => RunAsync(RepoPaths.TempRoot, ["new", "list", filter, "--debug:custom-hive", HivePath]);

    private Task<CommandResult> RunAsync(string workingDirectory, string[] arguments) =>
        ProcessRunner.RunAsync(
            "dotnet",
            arguments,
            workingDirectory,
            new Dictionary<string, string?> { ["DOTNET_CLI_HOME"] = CliHome },
            TimeSpan.FromMinutes(3));

    private static async Task<TemplateHive> InstallAsync()
    {
        var kit = await KitFeed.GetAsync();
        var root = NewDirectory("hive");
        var hive = Path.Combine(root, "hive");
        var cliHome = Path.Combine(root, "home");
        Directory.CreateDirectory(cliHome);
        var package = Path.Combine(kit.Directory, $"Platform.Templates.{kit.Version}.nupkg");
        var templates = new TemplateHive(kit, hive, cliHome);
        // `dotnet new install` has no update check to skip (it would read --no-update-check as a package name).
        var result = await templates.RunAsync(root, ["new", "install", package, "--debug:custom-hive", hive]);
        if (!result.Succeeded || result.Output.Contains("Error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Installing the template pack failed.\n" + result);
        }

        return templates;
    }
}
