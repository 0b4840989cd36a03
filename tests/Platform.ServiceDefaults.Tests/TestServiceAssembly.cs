using System.Reflection;
using System.Reflection.Emit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// Builds in-memory assemblies that carry the metadata the Platform SDK stamps on a service's entry assembly,
/// so each test can name its own service (in-process, the real entry assembly is the test host).
/// </summary>
internal static class TestServiceAssembly
{
    private static readonly ConstructorInfo MetadataConstructor =
        typeof(AssemblyMetadataAttribute).GetConstructor([typeof(string), typeof(string)])!;

    public static Assembly Create(string assemblyName, IReadOnlyDictionary<string, string> metadata)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(assemblyName), AssemblyBuilderAccess.Run);
        foreach (var (key, value) in metadata)
        {
            assembly.SetCustomAttribute(new CustomAttributeBuilder(MetadataConstructor, [key, value]));
        }

        return assembly;
    }

    public static Assembly ForService(string serviceName, string version = "1.2.3", string revision = "0123456789abcdef0123456789abcdef01234567", string ns = "platform-tests")
        => Create(
            "Probe" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string>
            {
                [PlatformServiceMetadata.ServiceNameKey] = serviceName,
                [PlatformServiceMetadata.ServiceVersionKey] = version,
                [PlatformServiceMetadata.ServiceNamespaceKey] = ns,
                [PlatformServiceMetadata.SourceRevisionKey] = revision,
            });
}
