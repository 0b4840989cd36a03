using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Platform.Analyzers.Tests.Infrastructure;

/// <summary>
/// Reference assemblies for the test compilations, taken from the targeting packs installed with the SDK
/// (Microsoft.NETCore.App.Ref + Microsoft.AspNetCore.App.Ref), so no package download is needed.
/// </summary>
internal static class TestReferences
{
    /// <summary>An empty reference set: everything comes from <see cref="Framework"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Framework => SourceAnalysis.FrameworkReferences;

    public static MetadataReference Xunit { get; } = MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location);
}
