namespace Platform.Sdk.Tests.SupplyChain;

/// <summary>The Node tools in tests/test-tools (installed by .ci/run), and why a test skips when they are missing.</summary>
internal static class TestTools
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "tests", "test-tools");

    public static string? CycloneDxValidatorSkipReason { get; } = FindSkipReason();

    /// <summary>node validate-cyclonedx.js: "valid &lt;version&gt;" and exit 0, or the schema errors.</summary>
    public static Task<CommandResult> ValidateCycloneDxAsync(string bomPath) =>
        ProcessRunner.RunAsync("node", [Path.Combine(Directory, "validate-cyclonedx.js"), bomPath], Directory, timeout: TimeSpan.FromMinutes(1));

    private static string? FindSkipReason()
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@cyclonedx", "cyclonedx-library")))
        {
            return "@cyclonedx/cyclonedx-library is not installed in tests/test-tools (run: npm install --no-package-lock --prefix tests/test-tools; .ci/run does).";
        }

        return Platform.Testing.Containers.ToolAvailability.Find("node") is not null
            ? null
            : "node is not on PATH (the CycloneDX schema validator runs on Node.js).";
    }
}
