using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

/// <summary>An analyzer exception (AD0001) is a bug: every analyzer runs over broken and incomplete code.</summary>
public class RobustnessTests
{
    public static TheoryData<string> BrokenSources { get; } = new()
    {
        "using System; class C { void M() { Console.WriteLine( } }",
        "class C { void M() { var x = new System.Net.Http.HttpClient( } }",
        "class C { string Password = ; string Token = \"abc",
        "class C { async System.Threading.Tasks.Task M(System.Threading.Tasks.Task<int> t) { var r = t.; t.Wait(; t.GetAwaiter().GetResult( } }",
        "var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args); var app = builder.Build(; app.",
        "var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(; builder.AddPlatformDefaults(",
        "#pragma warning disable PLAT\n#pragma warning disable\nclass C { [System.Diagnostics.CodeAnalysis.SuppressMessage(\"x\")] void M() {} }",
        "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"a\", null)] class C { System.DateTime D => System.DateTime.; }",
        "class C { void M() { System.Environment.GetEnvironmentVariable(); System.Threading.Thread.Sleep(); } }",
        "class C : { void M() => Undefined.Thing.Result; }",
        "",
        "}}}{{{",
        "namespace N; record R(string ApiKey = \"sk_live_51HxQ2aBcDeFgHiJ\", string connectionString = \"Password=x",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Analyzers_do_not_throw_on_broken_code(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/Program.cs");
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[] { tree, CSharpSyntaxTree.ParseText(ProjectSetup.ServiceDefaultsStub, path: "/src/Defaults.cs") },
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));

        var options = new Dictionary<string, string>
        {
            ["build_property.PlatformProjectKind"] = "web",
            ["build_property.PlatformTelemetry"] = "false",
            ["build_property.NoWarn"] = "PLAT1001,CS1591",
        };
        var (diagnostics, exceptions) = await SourceAnalysis.RunAsync(compilation, SourceAnalysis.AnalyzersIn(typeof(Rules).Assembly), options);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
