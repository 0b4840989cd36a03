using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.SupplyChain;

/// <summary>
/// Makes the CycloneDX SBOM of a service's restored NuGet graph by running the CycloneDX tool's code in the build
/// process (<see cref="CycloneDxInProcess"/>): no process start, no second .NET CLI, the build's warm runtime.
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

    [Output]
    public bool Hosted { get; set; }

    public override bool Execute()
    {
        var host = CycloneDxInProcess.Load(GeneratorPath, string.IsNullOrEmpty(SdkFolder) ? null : SdkFolder, out var reason);
        if (host is null)
        {
            Log.LogMessage(MessageImportance.Low, "The SBOM generator '{0}' cannot run in process ({1}); running it as a process.", GeneratorPath, reason);
            return true;
        }

        Hosted = true;
        var fallback = string.IsNullOrEmpty(DotnetRoot) ? null : Path.Combine(DotnetRoot, "sdk", "NuGetFallbackFolder");
        var request = new SbomRequest(
            ProjectFile, TargetFramework, RuntimeIdentifier, Name, Version, SpecVersion,
            Path.GetDirectoryName(Path.GetFullPath(OutputFile))!, Path.GetFileName(OutputFile),
            PackageRoot, Directory.Exists(fallback) ? fallback : null, ProjectAssetsFile);
        var (exitCode, output) = host.Run(request);
        Log.LogMessage(MessageImportance.Low, output);
        if (exitCode == 0 && File.Exists(OutputFile))
        {
            Log.LogMessage(MessageImportance.Low, "The SBOM generator (CycloneDX {0}) ran in the build process.", host.ToolVersion);
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
}
