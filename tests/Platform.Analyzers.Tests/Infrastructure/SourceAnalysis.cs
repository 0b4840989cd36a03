using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Platform.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every analyzer of an analyzer assembly (the built one in tests, the packed one in bench/realcode.sh) over a
/// compilation of plain source files, as csc would: the framework targeting packs as references, the MSBuild facts as
/// build_property.* global options. Shared by the IDE/CI agreement test, the real-code suite and the bench runner.
/// </summary>
public static class SourceAnalysis
{
    public static ImmutableArray<MetadataReference> FrameworkReferences { get; } = LoadFrameworkReferences();

    public static ImmutableArray<DiagnosticAnalyzer> AnalyzersIn(System.Reflection.Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static CSharpCompilation Compile(string name, IEnumerable<SyntaxTree> trees, OutputKind kind, IEnumerable<MetadataReference>? references = null) =>
        CSharpCompilation.Create(
            name,
            trees,
            FrameworkReferences.AddRange(references ?? Enumerable.Empty<MetadataReference>()),
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    public static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path);

    /// <summary>Analyzer diagnostics (suppressed ones excluded) and every analyzer exception (AD0001 is a bug).</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyDictionary<string, string> globalOptions)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(globalOptions)),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        return (diagnostics.Where(d => !d.IsSuppressed).ToImmutableArray(), exceptions);
    }

    /// <summary>"path(line,col): PLATxxxx message", paths relative to <paramref name="root"/> with '/' separators.</summary>
    public static string Format(Diagnostic diagnostic, string root)
    {
        var span = diagnostic.Location.GetLineSpan();
        var path = Path.GetRelativePath(root, span.Path).Replace('\\', '/');
        return $"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var packRoot = Path.Combine(dotnetRoot, "packs", pack);
            var version = Directory.EnumerateDirectories(packRoot)
                .Select(Path.GetFileName)
                .Where(v => v!.StartsWith("10.", StringComparison.Ordinal))
                .OrderByDescending(v => Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new Version())
                .First()!;
            foreach (var file in Directory.EnumerateFiles(Path.Combine(packRoot, version, "ref", "net10.0"), "*.dll"))
            {
                builder.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return builder.ToImmutable();
    }

    private sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                foreach (var pair in values)
                {
                    if (KeyComparer.Equals(pair.Key, key))
                    {
                        value = pair.Value;
                        return true;
                    }
                }

                value = string.Empty;
                return false;
            }
        }
    }
}
