using System.Text.Json;

namespace Platform.Sdk.Testing;

/// <summary>A written consumer repo: build it, query it, evaluate it. Created by <see cref="ConsumerProject"/>.</summary>
public sealed class ConsumerRepo
{
    internal ConsumerRepo(string root, string projectPath, string kitVersion, string commit)
    {
        Root = root;
        ProjectPath = projectPath;
        KitVersion = kitVersion;
        Commit = commit;
    }

    public string Root { get; }

    public string ProjectPath { get; }

    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    public string KitVersion { get; }

    /// <summary>The sha of the repo's only commit.</summary>
    public string Commit { get; }

    /// <summary>`dotnet build`, as a developer (or, with <paramref name="ci"/>, a CI agent) runs it.</summary>
    public Task<BuildResult> BuildAsync(bool ci = false, params string[] arguments) => RunMSBuildCommandAsync("build", ci, arguments);

    /// <summary>`dotnet msbuild` with the given targets and properties (no restore), as a developer outside CI.</summary>
    public Task<BuildResult> MSBuildAsync(params string[] arguments) => RunMSBuildCommandAsync("msbuild", false, arguments);

    /// <summary>`dotnet restore`.</summary>
    public Task<BuildResult> RestoreAsync(bool ci = false, params string[] arguments) => RunMSBuildCommandAsync("restore", ci, arguments);

    /// <summary>Any dotnet command in the project directory, with CI variables scrubbed unless given.</summary>
    public Task<CommandResult> DotNetAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.RunAsync("dotnet", arguments, ProjectDirectory, environment, TimeSpan.FromMinutes(8));

    /// <summary>Values as `dotnet msbuild -getProperty` reports them: the real CLI path a user takes.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetPropertiesAsync(bool ci, params string[] names)
    {
        var arguments = new List<string> { "msbuild", ProjectPath, "-nologo" };
        arguments.AddRange(names.Select(n => "-getProperty:" + n));
        var result = await DotNetAsync(arguments, CiEnvironment(ci));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.ToString());
        }

        var output = result.StandardOutput.Trim();
        if (names.Length == 1)
        {
            return new Dictionary<string, string> { [names[0]] = output };
        }

        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
    }

    /// <summary>Fast in-process evaluation (no build): the project's properties and items as MSBuild sees them.</summary>
    public EvaluatedProject Evaluate(bool ci = false, IReadOnlyDictionary<string, string>? globalProperties = null) =>
        InProcessMSBuild.Evaluate(ProjectPath, ci, globalProperties);

    public string ReadFile(string relativePathFromProject) => File.ReadAllText(Path.Combine(ProjectDirectory, relativePathFromProject));

    public static IReadOnlyDictionary<string, string?> CiEnvironment(bool ci) =>
        ci ? new Dictionary<string, string?> { ["CI"] = "true" } : new Dictionary<string, string?>();

    private async Task<BuildResult> RunMSBuildCommandAsync(string verb, bool ci, string[] arguments)
    {
        var binlog = Path.Combine(Root, verb + "-" + Guid.NewGuid().ToString("N")[..6] + ".binlog");
        var all = new List<string> { verb, ProjectPath, "-nodeReuse:false", "-bl:" + binlog };
        all.AddRange(arguments);
        var result = await DotNetAsync(all, CiEnvironment(ci));
        if (!result.Succeeded)
        {
            KeepBinlog(binlog);
        }

        return new BuildResult(result, binlog);
    }

    private static void KeepBinlog(string binlog)
    {
        if (File.Exists(binlog))
        {
            Directory.CreateDirectory(RepoPaths.FailedBuildLogs);
            File.Copy(binlog, Path.Combine(RepoPaths.FailedBuildLogs, Path.GetFileName(Path.GetDirectoryName(binlog)!) + "-" + Path.GetFileName(binlog)), overwrite: true);
        }
    }
}

/// <summary>The outcome of a `dotnet build`/`restore`, with the diagnostics a user sees.</summary>
public sealed record BuildResult(CommandResult Command, string BinlogPath)
{
    public bool Succeeded => Command.Succeeded;

    public string Output => Command.Output;

    /// <summary>Distinct diagnostic codes (CS0219, PLAT0001, …) reported as errors.</summary>
    public IReadOnlyCollection<string> ErrorCodes => Codes("error");

    /// <summary>Distinct diagnostic codes reported as warnings.</summary>
    public IReadOnlyCollection<string> WarningCodes => Codes("warning");

    /// <summary>True when the output holds a .NET stack trace: bad input must never produce one.</summary>
    public bool HasStackTrace => Output.Contains("   at ", StringComparison.Ordinal) && Output.Contains("Exception", StringComparison.Ordinal);

    private HashSet<string> Codes(string severity) =>
        System.Text.RegularExpressions.Regex.Matches(Output, @$":\s+{severity}\s+([A-Z]+[0-9]+)\s*:")
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public override string ToString() => Command.ToString();
}
