using System.Linq;
using Microsoft.CodeAnalysis;

namespace Platform.Analyzers.Infrastructure;

/// <summary>Looks up the Platform.ServiceDefaults extension methods the host rules ask for.</summary>
internal static class ServiceDefaultsApi
{
    public const string Namespace = "Platform.ServiceDefaults";
    public const string AddPlatformDefaults = "AddPlatformDefaults";
    public const string MapPlatformEndpoints = "MapPlatformEndpoints";

    /// <summary>True when some type in namespace Platform.ServiceDefaults declares a static method <paramref name="name"/>.</summary>
    public static bool IsAvailable(Compilation compilation, string name)
    {
        var platform = compilation.GlobalNamespace.GetNamespaceMembers().FirstOrDefault(n => n.Name == "Platform");
        var defaults = platform?.GetNamespaceMembers().FirstOrDefault(n => n.Name == "ServiceDefaults");
        if (defaults is null)
        {
            return false;
        }

        foreach (var type in defaults.GetTypeMembers())
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { IsStatic: true } && compilation.IsSymbolAccessibleWithin(member, compilation.Assembly))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
