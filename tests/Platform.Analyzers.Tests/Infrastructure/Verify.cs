using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Platform.Analyzers.Tests.Infrastructure;

/// <summary>Entry points for the rule tests. Sources use markup: [|…|] marks the expected diagnostic span.</summary>
internal static class Verify
{
    public static Task AnalyzerAsync<TAnalyzer>(string source, ProjectSetup? project = null, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer>();
        Configure(test, test.TestState, project ?? ProjectSetup.Web, source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task CodeFixAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, ProjectSetup? project = null, int? iterations = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TAnalyzer, TCodeFix>();
        var setup = project ?? ProjectSetup.Web;
        Configure(test, test.TestState, setup, source);
        test.FixedState.Sources.Add(fixedSource);
        foreach (var extra in setup.ExtraSources)
        {
            test.FixedState.Sources.Add(extra);
        }

        if (iterations is { } count)
        {
            test.NumberOfIncrementalIterations = count;
            test.NumberOfFixAllIterations = 1;
        }

        return test.RunAsync();
    }

    /// <summary>Runs the analyzer together with <see cref="PlatformDeviationSuppressor"/>.</summary>
    public static Task SuppressorAsync<TAnalyzer>(string source, ProjectSetup project, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new SuppressorTest<TAnalyzer>();
        Configure(test, test.TestState, project, source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    private static void Configure(Microsoft.CodeAnalysis.Testing.AnalyzerTest<DefaultVerifier> test, SolutionState state, ProjectSetup project, string source)
    {
        test.ReferenceAssemblies = TestReferences.None;
        state.Sources.Add(source);
        foreach (var extra in project.ExtraSources)
        {
            state.Sources.Add(extra);
        }

        state.OutputKind = project.OutputKind;
        state.AdditionalReferences.AddRange(TestReferences.Framework);
        state.AdditionalReferences.AddRange(project.ExtraReferences);
        state.AnalyzerConfigFiles.Add(("/.globalconfig", project.GlobalConfig()));
        foreach (var (path, content) in project.ConfigFiles)
        {
            state.AnalyzerConfigFiles.Add((path, content));
        }

        var nullable = project.Nullable;
        var transform = project.CompilationOptions;
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
            options = options.WithNullableContextOptions(nullable);
            return solution.WithProjectCompilationOptions(projectId, transform is null ? options : transform(options));
        });
    }

    private sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
    }

    private sealed class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
    }

    private sealed class SuppressorTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            base.GetDiagnosticAnalyzers().Append(new PlatformDeviationSuppressor());
    }
}
