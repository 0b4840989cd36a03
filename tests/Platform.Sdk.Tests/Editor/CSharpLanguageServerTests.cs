using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Platform.Sdk.Tests.Editor;

/// <summary>
/// An editor proves it: csharp-ls (a Roslyn language server, LSP over stdio) opened on a consumer repo shows the PLAT
/// rules and the code-style rule a fast local `dotnet build` skips, right after such a build, because it loads the
/// project with a design-time build (Roslyn's MSBuildWorkspace: DesignTimeBuild=true, BuildingProject=false), which
/// analyses fully. One cold start serves every assertion. Skips, saying why, when csharp-ls cannot be installed or run.
/// </summary>
public class CSharpLanguageServerTests(ITestOutputHelper output)
{
    // The version nuget.tsv names; .ci/run installs it into artifacts/tools/csharp-ls.
    private const string CSharpLsVersion = "0.28.0";

    private const string Clock = """
        namespace Shop;

        /// <summary>Reads the clock the untestable way and news up an HttpClient.</summary>
        public sealed class Clock
        {
            /// <summary>PLAT3001.</summary>
            public DateTime Now() => DateTime.UtcNow;

            /// <summary>PLAT2001.</summary>
            public HttpClient Client() => new HttpClient();

            // IDE0040: no accessibility modifier (code style, from .editorconfig).
            static int Zero() => 0;

            /// <summary>Keeps Zero used.</summary>
            public int Count => Zero();
        }
        """;

    private const string EditorConfig = """
        root = true
        [*.cs]
        dotnet_style_require_accessibility_modifiers = always
        dotnet_diagnostic.IDE0040.severity = warning
        """;

    [SkippableFact]
    public async Task The_editor_shows_PLAT_and_code_style_diagnostics_after_a_fast_local_build()
    {
        var server = await CSharpLsAsync();
        Skip.If(server is null, "csharp-ls " + CSharpLsVersion + " could not be installed (no dotnet tool feed?); nothing to drive.");
        var repo = await ConsumerProject.Create("Shop").WithSdk("Platform.Sdk.Web")
            .WithRepoFile(".editorconfig", EditorConfig)
            .WithFile("Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.AddPlatformDefaults();\nvar app = builder.Build();\napp.MapPlatformEndpoints();\napp.Run();\n")
            .WithFile("Clock.cs", Clock)
            .WriteAsync();
        // The developer's fast local build: restores (the language server does not) and skips code style.
        var local = await repo.BuildAsync();
        Assert.True(local.Succeeded, local.ToString());
        Assert.Contains("PLAT3001", local.WarningCodes);
        Assert.DoesNotContain("IDE0040", local.WarningCodes);

        var clockUri = new Uri(Path.Combine(repo.ProjectDirectory, "Clock.cs")).AbsoluteUri;
        var environment = new Dictionary<string, string?>(ProcessRunner.CiVariables.ToDictionary(v => v, _ => (string?)null)) { ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0", ["MSBUILDDISABLENODEREUSE"] = "1" };
        await using var lsp = LanguageServerClient.Start(server, repo.Root, environment, AnswerServerRequest);

        await lsp.RequestAsync("initialize", Initialize(repo.Root), TimeSpan.FromMinutes(2));
        await lsp.NotifyAsync("initialized", new JsonObject());
        // csharp-ls runs the project's analyzers only with analyzersEnabled (its default is off: compiler diagnostics only).
        await lsp.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = new JsonObject { ["csharp"] = Settings() } });
        await lsp.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = clockUri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = Clock },
        });

        string[] expected = ["PLAT2001", "PLAT3001", "IDE0040"];
        var (seconds, diagnostics) = await lsp.WaitForAsync(
            "textDocument/publishDiagnostics",
            p => p?["uri"]?.GetValue<string>() == clockUri && expected.All(code => Codes(p).Contains(code)),
            // ~15 s on an idle machine; loading the project is a design-time build, minutes when CI shares the cores.
            TimeSpan.FromMinutes(15));
        output.WriteLine($"csharp-ls published {string.Join(", ", Codes(diagnostics))} for Clock.cs {seconds:0.0} s after its start");

        // What the editor offers on the PLAT3001 finding (the kit's code fix is not among them: see docs/rules/README.md#editors).
        var plat3001 = diagnostics!["diagnostics"]!.AsArray().First(d => d?["code"]?.GetValue<string>() == "PLAT3001")!;
        var actions = await lsp.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = clockUri },
            ["range"] = plat3001["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(plat3001.DeepClone()) },
        }, TimeSpan.FromMinutes(2));
        Assert.NotNull(actions);
        output.WriteLine("code actions on PLAT3001: " + string.Join(" | ", actions!.AsArray().Select(a => a?["title"]?.GetValue<string>())));
        Assert.Equal("warning", Severity(plat3001));
    }

    private static JsonObject Settings() => new() { ["analyzersEnabled"] = true };

    private static JsonNode? AnswerServerRequest(string method, JsonNode? parameters) =>
        method == "workspace/configuration"
            ? new JsonArray(parameters?["items"]?.AsArray().Select(_ => (JsonNode?)Settings()).ToArray() ?? [Settings()])
            : null;

    private static JsonObject Initialize(string root) => new()
    {
        ["processId"] = Environment.ProcessId,
        ["rootUri"] = new Uri(root + "/").AbsoluteUri,
        ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = new Uri(root + "/").AbsoluteUri, ["name"] = "repo" }),
        ["capabilities"] = new JsonObject
        {
            ["workspace"] = new JsonObject { ["configuration"] = true },
            ["textDocument"] = new JsonObject
            {
                ["publishDiagnostics"] = new JsonObject(),
                ["codeAction"] = new JsonObject
                {
                    ["codeActionLiteralSupport"] = new JsonObject
                    {
                        ["codeActionKind"] = new JsonObject { ["valueSet"] = new JsonArray("quickfix", "refactor", "source") },
                    },
                },
            },
        },
    };

    private static HashSet<string> Codes(JsonNode? publish) =>
        publish?["diagnostics"]?.AsArray().Select(d => d?["code"]?.ToString()).OfType<string>().ToHashSet() ?? [];

    private static string Severity(JsonNode diagnostic) => diagnostic["severity"]?.GetValue<int>() switch
    {
        1 => "error",
        2 => "warning",
        3 => "information",
        _ => "hint",
    };

    /// <summary>The csharp-ls executable: installed by .ci/run into artifacts/tools, else installed here once; null when that fails.</summary>
    private static async Task<string?> CSharpLsAsync()
    {
        foreach (var directory in new[] { Path.Combine(RepoPaths.Root, "artifacts", "tools"), Path.Combine(RepoPaths.TempRoot, "tools-csharp-ls-" + CSharpLsVersion) })
        {
            var executable = Path.Combine(directory, "csharp-ls");
            if (File.Exists(executable))
            {
                return executable;
            }
        }

        var toolPath = Path.Combine(RepoPaths.TempRoot, "tools-csharp-ls-" + CSharpLsVersion);
        await using var gate = await CrossProcessLock.AcquireAsync(toolPath + ".lock");
        var installed = Path.Combine(toolPath, "csharp-ls");
        if (File.Exists(installed))
        {
            return installed;
        }

        var install = await ProcessRunner.RunAsync("dotnet", ["tool", "install", "csharp-ls", "--version", CSharpLsVersion, "--tool-path", toolPath], RepoPaths.TempRoot, timeout: TimeSpan.FromMinutes(5));
        return install.Succeeded && File.Exists(installed) ? installed : null;
    }
}
