using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Platform.Sdk.Tests.Tasks;

/// <summary>
/// Platform.Tasks.targets: the SDK's net10.0 tasks load in every MSBuild host. `dotnet build` runs them in process;
/// .NET Framework MSBuild (Visual Studio, MSBuild.exe) runs them in the .NET task host from MSBuild 18.0, and older
/// ones fail with PLAT0034. This machine has only .NET MSBuild, so the Framework host is simulated through the
/// private properties the targets read instead of MSBuildRuntimeType/MSBuildVersion (reserved, not overridable); the
/// task host itself is real: .NET MSBuild launches the same `Runtime="NET"` task host process.
/// </summary>
public class TaskHostTests
{
    private static readonly string[] Tasks = ["ValidatePlatformDeviations", "ResolvePlatformRuleEnforcement", "WritePlatformComplianceRecord"];

    [Theory]
    [InlineData(null, null, "", "")]
    [InlineData("Full", "18.0.5", "true", "")]
    [InlineData("Full", "17.14.23", "true", "true")]
    public async Task The_host_decides_where_the_tasks_run(string? runtimeType, string? version, string inTaskHost, string tooOld)
    {
        var repo = await ConsumerProject.Create().WriteAsync();
        var globals = new Dictionary<string, string>();
        if (runtimeType is not null)
        {
            globals["_PlatformMSBuildRuntimeType"] = runtimeType;
            globals["_PlatformMSBuildVersion"] = version!;
        }

        var project = repo.Evaluate(globalProperties: globals);

        Assert.Equal(inTaskHost, project.Property("_PlatformTasksInTaskHost"));
        Assert.Equal(tooOld, project.Property("_PlatformTasksHostTooOld"));
    }

    [Fact]
    public async Task The_preprocessed_project_declares_each_task_in_process_and_in_the_NET_task_host()
    {
        var repo = await ConsumerProject.Create().WriteAsync();
        var preprocessed = Path.Combine(repo.Root, "pp.xml");

        var pp = await repo.DotNetAsync(["msbuild", repo.ProjectPath, "-nologo", "-pp:" + preprocessed]);

        Assert.True(pp.Succeeded, pp.ToString());
        var usingTasks = System.Xml.Linq.XDocument.Load(preprocessed).Descendants().Where(e => e.Name.LocalName == "UsingTask").ToList();
        foreach (var task in Tasks)
        {
            var declarations = usingTasks.Where(u => (string?)u.Attribute("TaskName") == "Platform.Sdk.Tasks." + task).ToList();
            Assert.Equal(2, declarations.Count);
            Assert.Single(declarations, d => d.Attribute("Runtime") is null && ((string)d.Attribute("Condition")!).Contains("!= 'true'", StringComparison.Ordinal));
            Assert.Single(declarations, d => (string?)d.Attribute("Runtime") == "NET" && (string?)d.Attribute("TaskFactory") == "TaskHostFactory"
                && ((string)d.Attribute("Condition")!).Contains("'$(_PlatformTasksInTaskHost)' == 'true'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task In_the_NET_task_host_the_tasks_run_out_of_process_and_write_the_record()
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var build = await repo.BuildAsync(false, "-p:_PlatformMSBuildRuntimeType=Full", "-p:_PlatformMSBuildVersion=18.0.5", "-v:d");

        Assert.True(build.Succeeded, build.ToString());
        Assert.All(Tasks, task => Assert.Matches(
            $@"Launching task ""{task}"" from assembly "".*tasks[/\\]net10\.0[/\\]Platform\.Sdk\.Tasks\.dll"" in an external task host with a runtime of ""NET""",
            build.Output));
        Assert.True(Directory.EnumerateFiles(Path.Combine(repo.ProjectDirectory, "obj", "platform"), "compliance.json", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task An_MSBuild_too_old_for_the_task_host_is_refused_with_what_to_do()
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var check = await repo.MSBuildAsync("-t:_PlatformValidateProperties", "-p:_PlatformMSBuildRuntimeType=Full", "-p:_PlatformMSBuildVersion=17.14.23");

        Assert.False(check.Succeeded);
        Assert.Contains("PLAT0034", check.ErrorCodes);
        Assert.Contains("Visual Studio 2026", check.Output, StringComparison.Ordinal);
        Assert.False(check.HasStackTrace, check.ToString());
    }

    [Theory]
    [InlineData("Platform.Sdk")]
    [InlineData("Platform.Sdk.Web")]
    [InlineData("Platform.Sdk.Test")]
    public async Task The_package_carries_the_tasks_with_every_assembly_they_reference_that_MSBuild_does_not_provide(string package)
    {
        var kit = await KitFeed.GetAsync();
        using var zip = ZipFile.OpenRead(Path.Combine(kit.Directory, $"{package}.{kit.Version}.nupkg"));
        var taskFolder = zip.Entries.Where(e => e.FullName.StartsWith("tasks/net10.0/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .ToDictionary(e => Path.GetFileNameWithoutExtension(e.Name), e => e);
        Assert.Contains("Platform.Sdk.Tasks", taskFolder.Keys);

        foreach (var (name, entry) in taskFolder)
        {
            using var stream = new MemoryStream();
            using (var source = entry.Open())
            {
                await source.CopyToAsync(stream);
            }

            stream.Position = 0;
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name));
            // The .NET runtime and MSBuild's own assemblies are there in every host (in process or task host); anything
            // else must ship next to the task assembly.
            var missing = references.Where(r => !IsProvidedByHost(r) && !taskFolder.ContainsKey(r)).ToList();
            Assert.True(missing.Count == 0, $"{name} references {string.Join(", ", missing)}, which tasks/net10.0 does not carry");
        }
    }

    private static bool IsProvidedByHost(string assembly) =>
        assembly is "netstandard" or "mscorlib" || assembly.StartsWith("System", StringComparison.Ordinal)
        || assembly.StartsWith("Microsoft.Build", StringComparison.Ordinal) || assembly.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
