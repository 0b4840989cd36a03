using System.Text.Json;

namespace Platform.Sdk.Tests.Analyzers;

/// <summary>
/// Platform.Analyzers.targets end to end: the analyzers shipped in the packed SDK report one violation of each rule in
/// a consumer project, in the SARIF every build writes; CI fails on them; `dotnet format analyzers` applies the fixes.
/// </summary>
public class AnalyzersEndToEndTests
{
    private const string HostWithoutDefaults = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<Shop.OrderService>();

        var app = builder.Build();
        app.MapGet("/", () => "ok");
        app.Run();
        """;

    private const string ServiceCodeWithViolations = """
        namespace Shop;

        /// <summary>Breaks every service rule once.</summary>
        public sealed class OrderService
        {
            /// <summary>PLAT1001, PLAT2001, PLAT3001, PLAT4002.</summary>
            public async Task<string> DescribeAsync()
            {
                Console.WriteLine("describing");
                using var http = new HttpClient();
                var now = DateTime.UtcNow;
                var region = Environment.GetEnvironmentVariable("REGION");
                await Task.Yield();
                return $"{now:O} {region} {http.Timeout}";
            }

            /// <summary>PLAT5002.</summary>
            public void Pause() => Thread.Sleep(10);

            /// <summary>PLAT5001.</summary>
            public string Blocking() => DescribeAsync().Result;

            /// <summary>PLAT4001.</summary>
            public string ConnectionString { get; } = "Server=db;User Id=orders;Password=Sup3r-S3cret-Value";

            /// <summary>PLAT9003: a PLAT rule silenced in code.</summary>
            public DateTimeOffset Silenced()
            {
        #pragma warning disable PLAT3001
                return DateTimeOffset.UtcNow;
        #pragma warning restore PLAT3001
            }
        }
        """;

    [Fact]
    public async Task Each_service_rule_is_reported_once_in_the_SARIF_and_fails_CI()
    {
        var repo = await ConsumerProject.Create("Shop").WithSdk("Platform.Sdk.Web")
            .WithFile("Program.cs", HostWithoutDefaults)
            .WithFile("OrderService.cs", ServiceCodeWithViolations)
            .WriteAsync();

        var local = await repo.BuildAsync();
        var results = SarifResults(repo);
        var ci = await repo.BuildAsync(ci: true);

        Assert.True(local.Succeeded, local.ToString());
        Assert.Equal(
            ["PLAT1001", "PLAT1002", "PLAT1003", "PLAT2001", "PLAT3001", "PLAT4001", "PLAT4002", "PLAT5001", "PLAT5002", "PLAT9003"],
            results.Where(r => !r.Suppressed && r.RuleId.StartsWith("PLAT", StringComparison.Ordinal)).Select(r => r.RuleId).Order().ToArray());
        Assert.DoesNotContain(results, r => !r.Suppressed && !r.RuleId.StartsWith("PLAT", StringComparison.Ordinal) && r.Level is "warning" or "error");
        Assert.Contains(results, r => r.RuleId == "PLAT3001" && r.Suppressed);
        Assert.False(ci.Succeeded, ci.ToString());
        Assert.Contains("PLAT2001", ci.ErrorCodes);
    }

    [Fact]
    public async Task Project_level_rules_report_disabled_nullable_and_telemetry()
    {
        var repo = await ConsumerProject.Create("Legacy").WithSdk("Platform.Sdk.Web")
            .WithProperty("Nullable", "disable")
            .WithProperty("PlatformTelemetry", "false")
            .WithFile("Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n")
            .WriteAsync();

        var build = await repo.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(["PLAT9001", "PLAT9002"], SarifResults(repo).Where(r => !r.Suppressed).Select(r => r.RuleId).Where(id => id.StartsWith("PLAT", StringComparison.Ordinal)).Order().ToArray());
    }

    [Fact]
    public async Task Analyzers_can_be_opted_out()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithProperty("PlatformAnalyzers", "false").WriteAsync();

        var project = repo.Evaluate();

        Assert.DoesNotContain(project.ItemsOf("Analyzer"), a => a.Include.EndsWith("Platform.Analyzers.dll", StringComparison.Ordinal));
        Assert.Contains(project.ItemsOf("Analyzer"), a => a.Include.EndsWith("Microsoft.CodeAnalysis.NetAnalyzers.dll", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("minimum", "latest-minimum")]
    [InlineData("recommended", "latest-recommended")]
    [InlineData("strict", "latest-recommended")]
    public async Task The_mode_selects_its_globalconfig(string mode, string analysisLevel)
    {
        var repo = await ConsumerProject.Create().WithProperty("PlatformAnalysisMode", mode).WriteAsync();

        // The mode's AnalysisLevel applies wherever the build analyses fully (CI, the IDE); a fast local build keeps the SDK's.
        var project = repo.Evaluate(ci: true);

        Assert.Contains(project.ItemsOf("GlobalAnalyzerConfigFiles"), c => c.Include.EndsWith($"analyzers/{mode}.globalconfig", StringComparison.Ordinal));
        Assert.Equal(analysisLevel, project.Property("AnalysisLevel"));
        Assert.Contains(project.ItemsOf("CompilerVisibleProperty"), p => p.Include == "PlatformProjectKind");
    }

    [Fact]
    public async Task Code_fixes_apply_through_dotnet_format()
    {
        var repo = await ConsumerProject.Create("Fixable").WithSdk("Platform.Sdk.Web")
            .WithFile("Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n")
            .WithFile("Clock.cs", """
                namespace Fixable;

                /// <summary>Reads the time and waits the blocking way.</summary>
                public sealed class Clock(TimeProvider time)
                {
                    /// <summary>PLAT3001 with a TimeProvider in scope.</summary>
                    public DateTimeOffset Now() => DateTimeOffset.UtcNow;

                    /// <summary>PLAT5001 in an async method.</summary>
                    public async Task<int> TwiceAsync()
                    {
                        await Task.Yield();
                        return Task.FromResult(2).Result * 2;
                    }

                    /// <summary>Keeps the field used.</summary>
                    public TimeProvider Time => time;
                }
                """)
            .WriteAsync();
        var restore = await repo.RestoreAsync();
        Assert.True(restore.Succeeded, restore.ToString());

        var format = await repo.DotNetAsync(["format", "analyzers", repo.ProjectPath, "--no-restore", "--diagnostics", "PLAT1002", "PLAT1003", "PLAT3001", "PLAT5001", "--severity", "warn"]);

        Assert.True(format.Succeeded, format.ToString());
        var program = repo.ReadFile("Program.cs");
        var clock = repo.ReadFile("Clock.cs");
        Assert.Contains("builder.AddPlatformDefaults();", program);
        Assert.Contains("app.MapPlatformEndpoints();", program);
        Assert.Contains("time.GetUtcNow()", clock);
        Assert.Contains("await Task.FromResult(2)", clock);
        var build = await repo.BuildAsync(ci: true);
        Assert.True(build.Succeeded, build.ToString());
    }

    private sealed record SarifResult(string RuleId, string Level, bool Suppressed);

    private static List<SarifResult> SarifResults(ConsumerRepo repo)
    {
        var path = Directory.GetFiles(Path.Combine(repo.ProjectDirectory, "obj", "platform"), "*.sarif", SearchOption.AllDirectories).Single();
        using var sarif = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        return sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => new SarifResult(
                r.GetProperty("ruleId").GetString()!,
                r.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
                r.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0))
            .ToList();
    }
}
