using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Platform.Sdk.Tasks.SupplyChain;

/// <summary>
/// Runs the CycloneDX .NET tool's own code (its <c>Runner</c>) inside the build process instead of as a child process
/// (docs/supply-chain.md, docs/benchmarks.md). The tool's assemblies load from the restored tool package into their own
/// load context (its NuGet.* and System.CommandLine copies never meet MSBuild's), once per process and generator path.
/// The two questions the tool asks the .NET CLI on every run (where the NuGet caches are, where the SDK is) are
/// answered from what the build already knows, so no process is started. The SBOM is the tool's, unchanged: the same
/// options its command line maps to, the same services for everything else.
/// </summary>
internal sealed class CycloneDxInProcess
{
    private static readonly ConcurrentDictionary<string, Lazy<CycloneDxInProcess?>> Loaded = new(StringComparer.Ordinal);

    private readonly Type runnerType;
    private readonly Type optionsType;
    private readonly Type utilsServiceType;
    private readonly Type commandServiceType;
    private readonly Assembly tool;

    private CycloneDxInProcess(Assembly tool, Type runnerType, Type optionsType, Type utilsServiceType, Type commandServiceType)
    {
        this.tool = tool;
        this.runnerType = runnerType;
        this.optionsType = optionsType;
        this.utilsServiceType = utilsServiceType;
        this.commandServiceType = commandServiceType;
    }

    /// <summary>The tool at <paramref name="generatorPath"/> (CycloneDX.dll), or null when its code does not have the
    /// shape this host was written against (another major version): the caller then runs it as a process.</summary>
    public static CycloneDxInProcess? Load(string generatorPath, string? sdkFolder, out string? reason)
    {
        string? why = null;
        var key = Path.GetFullPath(generatorPath) + "|" + sdkFolder;
        var host = Loaded.GetOrAdd(key, _ => new Lazy<CycloneDxInProcess?>(() => Create(Path.GetFullPath(generatorPath), sdkFolder, out why))).Value;
        reason = why ?? (host is null ? "the generator's entry points were not found" : null);
        return host;
    }

    private static CycloneDxInProcess? Create(string path, string? sdkFolder, out string? reason)
    {
        try
        {
            var context = new ToolLoadContext(path, sdkFolder);
            var tool = context.LoadFromAssemblyPath(path);
            var runner = tool.GetType("CycloneDX.Runner");
            var options = tool.GetType("CycloneDX.Models.RunOptions");
            var utils = tool.GetType("CycloneDX.Interfaces.IDotnetUtilsService");
            var command = tool.GetType("CycloneDX.Interfaces.IDotnetCommandService");
            if (runner is null || options is null || utils is null || command is null
                || runner.GetMethod("HandleCommandAsync", [options]) is null
                || runner.GetConstructors().All(c => c.GetParameters().Length != 8))
            {
                reason = "CycloneDX.Runner, RunOptions or the dotnet service interfaces are not where CycloneDX 6.x has them";
                return null;
            }

            reason = null;
            return new CycloneDxInProcess(tool, runner, options, utils, command);
        }
        catch (Exception ex)
        {
            // Whatever stops the tool from loading (not an assembly, no deps.json, a missing dependency) is a reason to
            // run it as a process, which then reports the problem as PLAT0251 like any failing generator.
            reason = ex.GetType().Name + ": " + ex.Message;
            return null;
        }
    }

    /// <summary>
    /// Runs the tool as <c>CycloneDX &lt;project&gt; -dpr -ns -F Json -spv … -tfm … [-rt …] -sn … -sv … -o … -fn …</c>
    /// would. Returns the tool's exit code and everything it printed.
    /// </summary>
    public (int ExitCode, string Output) Run(SbomRequest request)
    {
        var options = Activator.CreateInstance(optionsType)!;
        Set(options, "SolutionOrProjectFile", request.ProjectFile);
        Set(options, "framework", request.TargetFramework);
        Set(options, "runtime", string.IsNullOrEmpty(request.RuntimeIdentifier) ? null : request.RuntimeIdentifier);
        Set(options, "outputDirectory", request.OutputDirectory);
        Set(options, "outputFilename", request.FileName);
        Set(options, "noSerialNumber", true);
        Set(options, "disablePackageRestore", true);
        Set(options, "setName", request.Name);
        Set(options, "setVersion", request.Version);
        // The packages are in the folder restore filled: the tool reads them there instead of asking nuget.org's
        // service index first (it only downloads a package that is missing from the caches, and none is after restore).
        Set(options, "baseUrl", request.PackageRoot);
        // The defaults the tool's command line gives when an option is not passed.
        Set(options, "dotnetCommandTimeout", 300000);
        Set(options, "setType", Enum.Parse(optionsType.GetProperty("setType")!.PropertyType, "Application"));
        Set(options, "outputFormat", Enum.Parse(optionsType.GetProperty("outputFormat")!.PropertyType, "Json", ignoreCase: true));
        var specVersion = Nullable.GetUnderlyingType(optionsType.GetProperty("specVersion")!.PropertyType)!;
        Set(options, "specVersion", Enum.Parse(specVersion, "v" + request.SpecVersion.Replace('.', '_')));

        var utils = NoProcessServices.CreateUtils(utilsServiceType, request.PackageRoot, request.FallbackFolder, request.ProjectAssetsFile);
        var commands = NoProcessServices.CreateCommands(commandServiceType);
        // Runner(fileSystem, commandService, assetsService, utilsService, packagesService, projectService, solutionService, nugetFactory): null = the tool's own.
        var runner = Activator.CreateInstance(runnerType, [null, commands, null, utils, null, null, null, null])!;
        using var capture = ConsoleCapture.Begin();
        try
        {
            var task = (Task<int>)runnerType.GetMethod("HandleCommandAsync", [optionsType])!.Invoke(runner, [options])!;
            var exitCode = task.GetAwaiter().GetResult();
            return (exitCode, capture.Text);
        }
        catch (Exception ex)
        {
            // The tool failed, not the build: its exception is its output, reported like a failed process's.
            var error = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            return (-1, capture.Text + Environment.NewLine + error.GetType().Name + ": " + error.Message);
        }
    }

    public string ToolVersion => tool.GetName().Version?.ToString() ?? "?";

    private void Set(object options, string property, object? value) =>
        optionsType.GetProperty(property)!.SetValue(options, value);

    /// <summary>
    /// The tool's assemblies from its own folder (by its deps.json), the shared framework from the runtime. Where the
    /// running SDK (<paramref name="sdkFolder"/>) carries the same library in the same major version, not older (NuGet.*,
    /// Newtonsoft.Json), that copy is loaded instead: it is ReadyToRun, the tool's is not, and JIT is most of the
    /// generator's cost. It is still a copy of this context's own, never MSBuild's loaded instance.
    /// </summary>
    private sealed class ToolLoadContext(string toolPath, string? sdkFolder) : AssemblyLoadContext("Platform.Sbom.CycloneDX:" + toolPath)
    {
        private readonly AssemblyDependencyResolver resolver = new(toolPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (resolver.ResolveAssemblyToPath(assemblyName) is not { } path)
            {
                return null;
            }

            var sdkCopy = sdkFolder is null ? null : Path.Combine(sdkFolder, Path.GetFileName(path));
            return LoadFromAssemblyPath(sdkCopy is not null && IsCompatibleUpgrade(path, sdkCopy) ? sdkCopy : path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

        private static bool IsCompatibleUpgrade(string toolCopy, string sdkCopy)
        {
            if (!File.Exists(sdkCopy))
            {
                return false;
            }

            try
            {
                var wanted = AssemblyName.GetAssemblyName(toolCopy);
                var available = AssemblyName.GetAssemblyName(sdkCopy);
                return wanted.Version is { } w && available.Version is { } a && a.Major == w.Major && a >= w
                    && wanted.GetPublicKeyToken().AsSpan().SequenceEqual(available.GetPublicKeyToken());
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException or FileLoadException)
            {
                return false;
            }
        }
    }
}

/// <summary>What to describe and where to write it (the tool's command-line options, and what the build knows).</summary>
internal sealed record SbomRequest(
    string ProjectFile,
    string TargetFramework,
    string? RuntimeIdentifier,
    string Name,
    string Version,
    string SpecVersion,
    string OutputDirectory,
    string FileName,
    string PackageRoot,
    string? FallbackFolder,
    string ProjectAssetsFile);
