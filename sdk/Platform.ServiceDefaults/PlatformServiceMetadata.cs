using System.Reflection;
using System.Text;

namespace Platform.ServiceDefaults;

/// <summary>
/// Identity of the running service: the values the Platform SDK stamps into the entry assembly as
/// <see cref="AssemblyMetadataAttribute"/> (<c>PlatformServiceName</c>, <c>PlatformServiceVersion</c>,
/// <c>PlatformServiceNamespace</c>, <c>PlatformSourceRevision</c>), with fallbacks when they are absent.
/// </summary>
/// <param name="Name">The service name (<c>service.name</c>); never empty.</param>
/// <param name="Version">The service version (<c>service.version</c>), or <see langword="null"/> when unknown.</param>
/// <param name="Namespace">The service namespace (<c>service.namespace</c>), or <see langword="null"/> when unknown.</param>
/// <param name="SourceRevision">The source-control commit the service was built from (<c>vcs.ref.head.revision</c>), or <see langword="null"/>.</param>
/// <param name="AssemblyName">The simple name of the assembly the metadata was read from, or <see langword="null"/>.</param>
public sealed record PlatformServiceMetadata(
    string Name,
    string? Version,
    string? Namespace,
    string? SourceRevision,
    string? AssemblyName)
{
    /// <summary>Assembly metadata key holding the service name.</summary>
    public const string ServiceNameKey = "PlatformServiceName";

    /// <summary>Assembly metadata key holding the service version.</summary>
    public const string ServiceVersionKey = "PlatformServiceVersion";

    /// <summary>Assembly metadata key holding the service namespace.</summary>
    public const string ServiceNamespaceKey = "PlatformServiceNamespace";

    /// <summary>Assembly metadata key holding the source-control revision (commit).</summary>
    public const string SourceRevisionKey = "PlatformSourceRevision";

    /// <summary>The service name used when there is no assembly to read from.</summary>
    public const string UnknownServiceName = "unknown_service";

    /// <summary>
    /// Reads the metadata of one assembly (the entry assembly by default; nothing else is scanned).
    /// Missing values fall back: the name to the assembly name in kebab-case, the version to the
    /// informational version without its <c>+build</c> suffix, the revision to that suffix when it looks like a commit.
    /// </summary>
    /// <param name="assembly">The assembly to read; <see langword="null"/> yields <see cref="UnknownServiceName"/>.</param>
    /// <returns>The service metadata.</returns>
    public static PlatformServiceMetadata FromAssembly(Assembly? assembly)
    {
        if (assembly is null)
        {
            return new PlatformServiceMetadata(UnknownServiceName, null, null, null, null);
        }

        var metadata = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var attribute in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            metadata[attribute.Key] = attribute.Value;
        }

        var assemblyName = assembly.GetName().Name;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = informational?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        var informationalVersion = plus >= 0 ? informational![..plus] : informational;
        var informationalRevision = plus >= 0 ? informational![(plus + 1)..] : null;

        var name = Value(metadata, ServiceNameKey) ?? ToKebabCase(assemblyName);
        if (string.IsNullOrEmpty(name))
        {
            name = UnknownServiceName;
        }

        return new PlatformServiceMetadata(
            name,
            Value(metadata, ServiceVersionKey) ?? NullIfEmpty(informationalVersion),
            Value(metadata, ServiceNamespaceKey),
            Value(metadata, SourceRevisionKey) ?? (LooksLikeCommit(informationalRevision) ? informationalRevision : null),
            assemblyName);
    }

    /// <summary>Converts an assembly name to a service name: <c>TelemetryProbe</c> → <c>telemetry-probe</c>, <c>My.Api</c> → <c>my-api</c>.</summary>
    /// <param name="value">The name to convert.</param>
    /// <returns>The kebab-case name, or an empty string.</returns>
    public static string ToKebabCase(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var text = value.Trim();
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && i > 0 && result.Length > 0 && result[^1] != '-')
                {
                    var previous = text[i - 1];
                    var nextIsLower = i + 1 < text.Length && char.IsLower(text[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    {
                        result.Append('-');
                    }
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else if (result.Length > 0 && result[^1] != '-')
            {
                result.Append('-');
            }
        }

        return result.ToString().Trim('-');
    }

    private static string? Value(Dictionary<string, string?> metadata, string key)
        => metadata.TryGetValue(key, out var value) ? NullIfEmpty(value?.Trim()) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool LooksLikeCommit(string? value)
        => value is { Length: >= 7 and <= 64 } && value.All(char.IsAsciiHexDigit);
}
