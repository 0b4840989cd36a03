namespace Platform.Cli.Infrastructure;

/// <summary>The MSBuild SDKs of the kit. A reference is the kit's when its name equals one of these, never when it merely ends with one.</summary>
public static class KitSdks
{
    public static readonly IReadOnlyList<string> Names = ["Platform.Sdk", "Platform.Sdk.Web", "Platform.Sdk.Test"];

    public static bool IsKitSdk(string? name) =>
        name is not null && Names.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);
}
