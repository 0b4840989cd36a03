using Microsoft.Build.Locator;

namespace Platform.Cli.Infrastructure;

/// <summary>
/// Registers the MSBuild of the .NET SDK that the audited repo's global.json selects. Microsoft.Build and NuGet types
/// load from that SDK, so nothing that references them may be JIT-compiled before <see cref="EnsureRegistered"/> ran.
/// </summary>
public static class MSBuildHost
{
    private static readonly object Gate = new();

    /// <summary>The registered SDK's folder (…/sdk/10.0.401/), or null before registration.</summary>
    public static string? SdkDirectory { get; private set; }

    public static string? SdkVersion { get; private set; }

    public static void EnsureRegistered(string workingDirectory)
    {
        lock (Gate)
        {
            if (SdkDirectory is not null)
            {
                return;
            }

            List<VisualStudioInstance> instances;
            try
            {
                instances = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
                {
                    DiscoveryTypes = DiscoveryType.DotNetSdk,
                    WorkingDirectory = workingDirectory,
                }).ToList();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new CliException(ExitCodes.SdkNotFound, $"No .NET SDK found for '{workingDirectory}': {ex.Message}. Install the SDK version the repo's global.json asks for (`dotnet --list-sdks` shows what is installed).");
            }

            if (instances.Count == 0)
            {
                throw new CliException(ExitCodes.SdkNotFound, $"No .NET SDK found for '{workingDirectory}'. Install the SDK version the repo's global.json asks for (`dotnet --list-sdks` shows what is installed), or fix its `sdk.version`/`rollForward`.");
            }

            // The first instance is the one hostfxr resolves for the working directory (global.json's choice).
            var instance = instances[0];
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterInstance(instance);
            }

            SdkDirectory = instance.MSBuildPath;
            SdkVersion = instance.Version.ToString();
        }
    }
}
