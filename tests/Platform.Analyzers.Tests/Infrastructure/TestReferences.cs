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

    public static ImmutableArray<MetadataReference> Framework { get; } = Load();

    public static MetadataReference Xunit { get; } = MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location);

    private static ImmutableArray<MetadataReference> Load()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var directory = FindPack(dotnetRoot, pack);
            foreach (var file in Directory.EnumerateFiles(directory, "*.dll"))
            {
                builder.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return builder.ToImmutable();
    }

    private static string FindPack(string dotnetRoot, string pack)
    {
        var packRoot = Path.Combine(dotnetRoot, "packs", pack);
        var version = Directory.EnumerateDirectories(packRoot)
            .Select(Path.GetFileName)
            .Where(v => v!.StartsWith("10.", StringComparison.Ordinal))
            .OrderByDescending(v => Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new Version())
            .First()!;
        return Path.Combine(packRoot, version, "ref", "net10.0");
    }
}
