namespace Platform.Testing.Containers;

/// <summary>
/// Which container tools exist on this machine, and a human-readable reason when a capability is missing.
/// Tests call e.g. <c>Skip.If(ToolAvailability.Current.RegistrySkipReason is not null, ToolAvailability.Current.RegistrySkipReason)</c>.
/// </summary>
public sealed class ToolAvailability
{
    public const string InstallHint = "run tests/Platform.Testing.Containers/install-tools.sh (as root) to install docker-registry, skopeo, umoci, podman and runc";

    private static readonly Lazy<ToolAvailability> s_current = new(Probe);

    private static readonly string[] s_extraDirs = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static ToolAvailability Current => s_current.Value;

    public string? Registry { get; private init; }
    public string? Skopeo { get; private init; }
    public string? Umoci { get; private init; }
    public string? Podman { get; private init; }
    public string? Runc { get; private init; }
    public bool IsRoot { get; private init; }
    public bool IsLinux { get; private init; }

    /// <summary>Set this environment variable to 1 to make every container test skip (e.g. on a machine that can't run them).</summary>
    public const string DisabledVariable = "PLATFORM_CONTAINER_TESTS_DISABLE";

    /// <summary>Value of <see cref="DisabledVariable"/> when it disables the tests.</summary>
    public string? DisabledBy { get; private init; }

    /// <summary>The root of the .NET install the base images are made from (the directory holding <c>dotnet</c> and <c>shared/</c>).</summary>
    public string? DotnetRoot { get; private init; }

    /// <summary>Null when <see cref="LocalRegistry"/> can start; otherwise why not.</summary>
    public string? RegistrySkipReason =>
        DisabledBy is not null ? $"container tests disabled by {DisabledVariable}={DisabledBy}"
        : !IsLinux ? "container tests need Linux"
        : Registry is null ? $"docker-registry not found on PATH or in /usr/bin; {InstallHint}"
        : null;

    /// <summary>Null when <see cref="BaseImageBuilder"/> can build and push; otherwise why not.</summary>
    public string? BuildSkipReason =>
        RegistrySkipReason
        ?? (Umoci is null || Skopeo is null ? $"missing {Missing(("umoci", Umoci), ("skopeo", Skopeo))}; {InstallHint}"
        : !IsRoot ? "building base images needs root (files owned by uid 1654 in the image layer)"
        : DotnetRoot is null ? "no .NET runtime found (looked at DOTNET_ROOT, /usr/share/dotnet, /usr/lib/dotnet and the running runtime)"
        : null);

    /// <summary>Null when <see cref="ImageRunner"/> can run images; otherwise why not.</summary>
    public string? RunSkipReason =>
        BuildSkipReason
        ?? (Podman is null || Runc is null ? $"missing {Missing(("podman", Podman), ("runc", Runc))}; {InstallHint}"
        : null);

    public override string ToString() =>
        $"docker-registry={Registry ?? "-"} skopeo={Skopeo ?? "-"} umoci={Umoci ?? "-"} podman={Podman ?? "-"} runc={Runc ?? "-"} root={IsRoot} dotnet={DotnetRoot ?? "-"}";

    /// <summary>Full path of an executable, searching PATH plus the usual sbin directories (runc lives in /usr/sbin).</summary>
    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(s_extraDirs);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, name);
            if (!OperatingSystem.IsWindows() && File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Missing(params (string Name, string? Path)[] tools) =>
        string.Join(", ", tools.Where(t => t.Path is null).Select(t => t.Name));

    private static ToolAvailability Probe()
    {
        var linux = OperatingSystem.IsLinux();
        return new ToolAvailability
        {
            IsLinux = linux,
            DisabledBy = Environment.GetEnvironmentVariable(DisabledVariable) is { Length: > 0 } v && v != "0" && !v.Equals("false", StringComparison.OrdinalIgnoreCase) ? v : null,
            IsRoot = linux && GetEuid() == 0,
            Registry = linux ? Find("docker-registry") ?? Find("registry") : null,
            Skopeo = linux ? Find("skopeo") : null,
            Umoci = linux ? Find("umoci") : null,
            Podman = linux ? Find("podman") : null,
            Runc = linux ? Find("runc") : null,
            DotnetRoot = linux ? FindDotnetRoot() : null,
        };
    }

    private static uint GetEuid()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    return uint.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return uint.MaxValue;
    }

    internal static string? FindDotnetRoot()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DOTNET_ROOT"),
            // The running runtime: <root>/shared/Microsoft.NETCore.App/<version>/
            Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
            "/usr/share/dotnet",
            "/usr/lib/dotnet",
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c)
            && File.Exists(Path.Combine(c, "dotnet"))
            && Directory.Exists(Path.Combine(c, "shared", "Microsoft.NETCore.App")));
    }
}
