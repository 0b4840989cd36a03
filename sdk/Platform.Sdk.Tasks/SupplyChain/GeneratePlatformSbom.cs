using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.SupplyChain;

/// <summary>
/// Makes the CycloneDX SBOM of a service's restored NuGet graph by running the CycloneDX tool's code in the build
/// process (<see cref="CycloneDxInProcess"/>): no process start, no second .NET CLI, the build's warm runtime; with
/// <see cref="Background"/> it starts early and overlaps with compilation, and a second call joins it.
/// <see cref="Hosted"/> is false (and nothing is reported) when the tool at <see cref="GeneratorPath"/> cannot be hosted,
/// so the targets run it as a process instead. A hosted run that fails is PLAT0251 with the tool's output.
/// </summary>
public sealed class GeneratePlatformSbom : Microsoft.Build.Utilities.Task
{
    /// <summary>CycloneDX.dll of the restored tool package.</summary>
    [Required]
    public string GeneratorPath { get; set; } = string.Empty;

    /// <summary>The generator's version, for messages (PlatformSbomGeneratorVersion).</summary>
    public string GeneratorVersion { get; set; } = string.Empty;

    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    [Required]
    public string ProjectAssetsFile { get; set; } = string.Empty;

    [Required]
    public string TargetFramework { get; set; } = string.Empty;

    public string? RuntimeIdentifier { get; set; }

    [Required]
    public string Name { get; set; } = string.Empty;

    [Required]
    public string Version { get; set; } = string.Empty;

    [Required]
    public string SpecVersion { get; set; } = string.Empty;

    /// <summary>The file to write (cyclonedx.json in the per-build SBOM folder).</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The global packages folder restore used ($(NuGetPackageRoot)).</summary>
    [Required]
    public string PackageRoot { get; set; } = string.Empty;

    /// <summary>The running SDK's installation folder ($(NetCoreRoot)); its sdk/NuGetFallbackFolder is searched when present.</summary>
    public string? DotnetRoot { get; set; }

    /// <summary>The running SDK's folder ($(MSBuildToolsPath)): its ReadyToRun NuGet.* copies serve the tool when compatible.</summary>
    public string? SdkFolder { get; set; }

    /// <summary>
    /// true: start the run on a background thread and return at once, so it overlaps with compilation (it needs only the
    /// restored graph); the output waits in a pending folder. The same task later with Background=false joins that run
    /// (or, when none was started, runs now) and moves the output into place only when it succeeded.
    /// </summary>
    public bool Background { get; set; }

    [Output]
    public bool Hosted { get; set; }

    private string PendingKey => "Platform.Sbom.Pending:" + Path.GetFullPath(OutputFile);

    public override bool Execute()
    {
        var engine = BuildEngine as IBuildEngine4;
        if (!Background && engine?.UnregisterTaskObject(PendingKey, RegisteredTaskObjectLifetime.Build) is PendingRun pending)
        {
            Hosted = true;
            var (exitCode, output) = pending.Run.GetAwaiter().GetResult();
            var succeeded = exitCode == 0 && File.Exists(pending.OutputFile);
            if (succeeded)
            {
                File.Move(pending.OutputFile, OutputFile, overwrite: true);
            }
            else if (File.Exists(pending.OutputFile))
            {
                File.Delete(pending.OutputFile);
            }

            return Report(pending.ToolVersion, exitCode, output, $"{pending.Elapsed.Elapsed.TotalMilliseconds:F0} ms from its start alongside compilation", succeeded);
        }

        var host = CycloneDxInProcess.Load(GeneratorPath, string.IsNullOrEmpty(SdkFolder) ? null : SdkFolder, out var reason);
        if (host is null)
        {
            Log.LogMessage(MessageImportance.Low, "The SBOM generator '{0}' cannot run in process ({1}); running it as a process.", GeneratorPath, reason);
            return true;
        }

        Hosted = true;
        if (Background && engine is not null)
        {
            var pendingFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!, "pending", Path.GetFileName(OutputFile));
            var request = Request(pendingFile);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            engine.RegisterTaskObject(PendingKey, new PendingRun(Task.Run(() => host.Run(request)), pendingFile, host.ToolVersion, clock), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            return true;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var (code, text) = host.Run(Request(OutputFile));
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        // The build process's CPU time over the run (every thread of it): what the SBOM cost this build (docs/benchmarks.md).
        return Report(host.ToolVersion, code, text, $"{started.Elapsed.TotalMilliseconds:F0} ms, {cpu.TotalMilliseconds:F0} ms CPU", code == 0 && File.Exists(OutputFile));
    }

    private SbomRequest Request(string outputFile)
    {
        var fallback = string.IsNullOrEmpty(DotnetRoot) ? null : Path.Combine(DotnetRoot, "sdk", "NuGetFallbackFolder");
        return new SbomRequest(
            ProjectFile, TargetFramework, RuntimeIdentifier, Name, Version, SpecVersion,
            Path.GetDirectoryName(Path.GetFullPath(outputFile))!, Path.GetFileName(outputFile),
            PackageRoot, Directory.Exists(fallback) ? fallback : null, ProjectAssetsFile);
    }

    private bool Report(string toolVersion, int exitCode, string output, string cost, bool succeeded)
    {
        Log.LogMessage(MessageImportance.Low, output);
        if (succeeded)
        {
            Log.LogMessage(MessageImportance.Low, "The SBOM generator (CycloneDX {0}) ran in the build process: {1}.", toolVersion, cost);
            return true;
        }

        // A failed run leaves no output behind, so the next publish runs the generator again.
        if (File.Exists(OutputFile))
        {
            File.Delete(OutputFile);
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Log.LogError(null, "PLAT0251", null, ProjectFile, 0, 0, 0, 0,
            "The SBOM generator (CycloneDX {0}, in process) failed with exit code {1}, so nothing was published. Its output: {2}. Fix what it reports (usually: run 'dotnet restore' first), or set PlatformSbom=false and register an Sbom deviation.",
            GeneratorVersion, exitCode, string.Join(" | ", lines));
        return false;
    }

    /// <summary>A run started with <see cref="Background"/>, waiting to be joined.</summary>
    private sealed record PendingRun(Task<(int ExitCode, string Output)> Run, string OutputFile, string ToolVersion, System.Diagnostics.Stopwatch Elapsed);
}
