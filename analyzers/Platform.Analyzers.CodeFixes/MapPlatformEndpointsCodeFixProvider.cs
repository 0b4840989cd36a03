using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Platform.Analyzers.CodeFixes;

/// <summary>PLAT1003: inserts <c>app.MapPlatformEndpoints();</c> after <c>var app = builder.Build();</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MapPlatformEndpointsCodeFixProvider)), Shared]
public sealed class MapPlatformEndpointsCodeFixProvider : InsertHostCallCodeFixProvider
{
    public MapPlatformEndpointsCodeFixProvider()
        : base(DiagnosticIds.MissingPlatformEndpoints, "MapPlatformEndpoints")
    {
    }
}
