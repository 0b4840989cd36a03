using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.Sdk.Tasks.SupplyChain;

namespace Platform.Sdk.Tasks.Tests.SupplyChain;

/// <summary>
/// The CycloneDX tool hosted in process, on a real restored graph: this test project's own project.assets.json, with the
/// real CycloneDX 6.3.1 from the NuGet cache (the test project downloads it), compared with the same tool run as a process.
/// </summary>
public sealed class GeneratePlatformSbomTests : IDisposable
{
    private const string ToolVersion = "6.3.1";

    private readonly string _directory = Directory.CreateTempSubdirectory("platform-sbom-host-").FullName;

    private static string ProjectFile { get; } = FindProjectFile();

    private static string AssetsFile => Path.Combine(Path.GetDirectoryName(ProjectFile)!, "obj", "project.assets.json");

    private static string PackageRoot { get; } = ((JsonObject)JsonNode.Parse(File.ReadAllText(AssetsFile))!["packageFolders"]!).First().Key;

    private static string Generator => Path.Combine(PackageRoot, "cyclonedx", ToolVersion, "tools", "net10.0", "any", "CycloneDX.dll");

    [Fact]
    public async Task In_process_the_tool_writes_the_sbom_it_writes_as_a_process_and_asks_the_build_for_the_package_caches()
    {
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, Path.Combine(_directory, "hosted", "cyclonedx.json"));

        Assert.True(task.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));
        Assert.True(task.Hosted);
        var log = string.Join('\n', engine.Messages.Select(m => m.Message));
        Assert.Contains("Found the following local nuget package cache locations:\n    " + PackageRoot + "\n", log, StringComparison.Ordinal);

        var processOutput = Path.Combine(_directory, "process");
        var process = Process.Start(new ProcessStartInfo("dotnet",
            [Generator, ProjectFile, "-dpr", "-ns", "-F", "Json", "-spv", "1.6", "-tfm", "net10.0", "-sn", "Tests", "-sv", "1.2.3", "-u", PackageRoot, "-o", processOutput, "-fn", "cyclonedx.json"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stdout + stderr);

        var hosted = WithoutTimestamp(Path.Combine(_directory, "hosted", "cyclonedx.json"));
        Assert.Equal(WithoutTimestamp(Path.Combine(processOutput, "cyclonedx.json")), hosted);
        Assert.Contains("\"purl\": \"pkg:nuget/YamlDotNet@", hosted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_started_in_the_background_is_joined_later_and_only_then_writes_its_output()
    {
        var engine = new RecordingBuildEngine();
        var output = Path.Combine(_directory, "overlapped", "cyclonedx.json");
        var start = NewTask(engine, output);
        start.Background = true;

        Assert.True(start.Execute());
        Assert.True(start.Hosted);
        Assert.False(File.Exists(output));

        var join = NewTask(engine, output);
        Assert.True(join.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));
        Assert.True(File.Exists(output));
        Assert.Contains(engine.Messages, m => m.Message!.Contains("alongside compilation", StringComparison.Ordinal));
        Assert.Equal("CycloneDX", JsonNode.Parse(File.ReadAllText(output))!["bomFormat"]!.GetValue<string>());
    }

    [Fact]
    public void A_hosted_run_that_fails_is_PLAT0251_with_the_tools_output_and_leaves_no_file()
    {
        var engine = new RecordingBuildEngine();
        var output = Path.Combine(_directory, "failed", "cyclonedx.json");
        var task = NewTask(engine, output);
        task.ProjectFile = Path.Combine(_directory, "Missing.csproj");

        Assert.False(task.Execute());
        Assert.True(task.Hosted);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PLAT0251", error.Code);
        Assert.Contains("No file found at path", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_generator_that_cannot_be_hosted_is_left_to_the_process_without_an_error()
    {
        var engine = new RecordingBuildEngine();
        var notAnAssembly = Path.Combine(_directory, "CycloneDX.dll");
        File.WriteAllText(notAnAssembly, "not a .NET assembly");
        var task = NewTask(engine, Path.Combine(_directory, "skipped", "cyclonedx.json"));
        task.GeneratorPath = notAnAssembly;

        Assert.True(task.Execute());
        Assert.False(task.Hosted);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static GeneratePlatformSbom NewTask(RecordingBuildEngine engine, string output) => new()
    {
        BuildEngine = engine,
        GeneratorPath = Generator,
        GeneratorVersion = ToolVersion,
        ProjectFile = ProjectFile,
        ProjectAssetsFile = AssetsFile,
        TargetFramework = "net10.0",
        Name = "Tests",
        Version = "1.2.3",
        SpecVersion = "1.6",
        OutputFile = output,
        PackageRoot = PackageRoot,
        DotnetRoot = Path.GetDirectoryName(Environment.ProcessPath),
        SdkFolder = null,
    };

    private static string WithoutTimestamp(string file)
    {
        var bom = JsonNode.Parse(File.ReadAllText(file))!;
        bom["metadata"]!.AsObject().Remove("timestamp");
        return bom.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static string FindProjectFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Platform.Sdk.Tasks.Tests", "Platform.Sdk.Tasks.Tests.csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Platform.Sdk.Tasks.Tests/Platform.Sdk.Tasks.Tests.csproj not found above " + AppContext.BaseDirectory);
    }
}
