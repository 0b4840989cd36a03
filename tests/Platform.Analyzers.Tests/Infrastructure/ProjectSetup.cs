using System.Text;
using Microsoft.CodeAnalysis;

namespace Platform.Analyzers.Tests.Infrastructure;

/// <summary>
/// The project a test snippet is compiled in: its kind (build_property.PlatformProjectKind), other MSBuild
/// properties the rules read, nullable context, output kind and extra sources/references.
/// </summary>
internal sealed record ProjectSetup
{
    public static ProjectSetup Web => new() { Kind = "web" };
    public static ProjectSetup Worker => new() { Kind = "worker" };
    public static ProjectSetup Library => new() { Kind = "library" };
    public static ProjectSetup Console => new() { Kind = "console" };
    public static ProjectSetup Test => new() { Kind = "test" };

    /// <summary>No PlatformProjectKind at all: the standalone package, the kind is inferred.</summary>
    public static ProjectSetup Standalone => new() { Kind = null };

    public string? Kind { get; init; }

    /// <summary>Snippets are compiled as a library unless they need an entry point (<see cref="AsExecutable"/>).</summary>
    public OutputKind OutputKind { get; init; } = OutputKind.DynamicallyLinkedLibrary;

    public ProjectSetup AsExecutable() => this with { OutputKind = OutputKind.ConsoleApplication };

    public NullableContextOptions Nullable { get; init; } = NullableContextOptions.Enable;

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ExtraSources { get; init; } = Array.Empty<string>();

    public IReadOnlyList<MetadataReference> ExtraReferences { get; init; } = Array.Empty<MetadataReference>();

    /// <summary>Extra analyzer config files: (path, content).</summary>
    public IReadOnlyList<(string Path, string Content)> ConfigFiles { get; init; } = Array.Empty<(string, string)>();

    public ProjectSetup With(string property, string value) =>
        this with { Properties = new Dictionary<string, string>(Properties) { [property] = value } };

    /// <summary>
    /// Comma-separated, as the SDK passes it: a ';' in a build_property value starts an editorconfig comment,
    /// so semicolon lists reach analyzers truncated to their first item (dotnet/roslyn#83336).
    /// </summary>
    public ProjectSetup WithDeviations(params string[] ids) => With("PlatformDeviationIds", string.Join(",", ids));

    public ProjectSetup WithServiceDefaults() => this with { ExtraSources = ExtraSources.Append(ServiceDefaultsStub).ToArray() };

    public ProjectSetup WithCompilationOptions(Func<Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions, Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions> transform) =>
        this with { CompilationOptions = transform };

    public Func<Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions, Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions>? CompilationOptions { get; init; }

    public ProjectSetup WithSource(string source) => this with { ExtraSources = ExtraSources.Append(source).ToArray() };

    public ProjectSetup WithReference(MetadataReference reference) => this with { ExtraReferences = ExtraReferences.Append(reference).ToArray() };

    public ProjectSetup WithConfig(string path, string content) => this with { ConfigFiles = ConfigFiles.Append((path, content)).ToArray() };

    public string GlobalConfig()
    {
        var text = new StringBuilder("is_global = true\n");
        if (Kind is not null)
        {
            text.Append("build_property.PlatformProjectKind = ").Append(Kind).Append('\n');
        }

        foreach (var pair in Properties)
        {
            text.Append("build_property.").Append(pair.Key).Append(" = ").Append(pair.Value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The Platform.ServiceDefaults surface the host rules look for (same shape as the real package).</summary>
    public const string ServiceDefaultsStub = """
        namespace Platform.ServiceDefaults
        {
            public static class PlatformServiceDefaultsExtensions
            {
                public static TBuilder AddPlatformDefaults<TBuilder>(this TBuilder builder)
                    where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder => builder;
            }

            public static class PlatformEndpointRouteBuilderExtensions
            {
                public static TEndpoints MapPlatformEndpoints<TEndpoints>(this TEndpoints endpoints)
                    where TEndpoints : Microsoft.AspNetCore.Routing.IEndpointRouteBuilder => endpoints;
            }
        }
        """;
}
