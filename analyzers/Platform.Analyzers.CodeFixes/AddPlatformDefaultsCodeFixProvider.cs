using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Platform.Analyzers.Analyzers;

namespace Platform.Analyzers.CodeFixes;

/// <summary>PLAT1002: inserts <c>builder.AddPlatformDefaults();</c> after <c>var builder = …CreateBuilder(…);</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPlatformDefaultsCodeFixProvider)), Shared]
public sealed class AddPlatformDefaultsCodeFixProvider : InsertHostCallCodeFixProvider
{
    public AddPlatformDefaultsCodeFixProvider()
        : base(DiagnosticIds.MissingPlatformDefaults, "AddPlatformDefaults")
    {
    }

    // Host.CreateDefaultBuilder has no IHostApplicationBuilder to call it on: the analyzer marks which diagnostics can be fixed.
    protected override bool CanFix(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(MissingPlatformDefaultsAnalyzer.FixableProperty, out var fixable) && fixable == "true";
}
