using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

/// <summary>
/// The findings of the real-code run (issue 19), one test per finding, next to the rule they concern: false positives
/// that must stay quiet, misses that must be reported, inconsistencies, and the project kinds that are not services.
/// </summary>
public class RealCodeFindingTests
{
    private const string TokenApi = """
        public static class Auth
        {
            public static System.Threading.Tasks.Task<string?> GetTokenAsync(object context, string tokenName) => System.Threading.Tasks.Task.FromResult<string?>(null);
            public static void Store(string key, string value) { }
        }

        public class DbOptions
        {
            public string? ConnectionString { get; set; }
            public string? Password { get; set; }
        }
        """;

    [Fact]
    public async Task PLAT4001_constants_that_hold_a_token_name_are_not_secrets()
    {
        const string source = """
            public static class TokenNames
            {
                public const string AccessToken = "access_token";
                public const string UserAccessToken = "user_token";
                public const string RefreshToken = "refresh-token";
                public const string IdToken = "IdToken";

                public static async System.Threading.Tasks.Task Use(object context)
                {
                    var token = await Auth.GetTokenAsync(context, AccessToken);
                    Auth.Store(UserAccessToken, token ?? "");
                }
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(TokenApi));
    }

    [Fact]
    public async Task PLAT4001_literals_behind_coalesce_and_conditional_are_reported()
    {
        const string source = """
            public class Setup
            {
                public DbOptions Options(string? configured, bool local) => new DbOptions
                {
                    Password = configured ?? {|#0:"Xk29!vB7qq"|},
                    ConnectionString = local ? {|#1:"Host=db;Username=app;Password=Xk29!vB7"|} : configured,
                };
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(TokenApi),
            Verify.Diagnostic("PLAT4001").WithLocation(0).WithArguments("Password"),
            Verify.Diagnostic("PLAT4001").WithLocation(1).WithArguments("ConnectionString"));
    }

    [Theory]
    [InlineData("Server=localhost,1433;Database=Orders;User Id=sa;Password=YourStrong(!)Password;", true)]
    [InlineData("Server=localhost;Database=Orders;User Id=sa;Password=YourStrongPassw0rd;", true)]
    [InlineData("Server=localhost;Database=Orders;User Id=sa;Password=YOUR_PASSWORD_HERE;", false)]
    [InlineData("Server=localhost;Database=Orders;User Id=sa;Password=your-password;", false)]
    public async Task PLAT4001_placeholder_exemption_covers_instructions_not_working_passwords(string value, bool reported)
    {
        var source = reported
            ? $$"""public class C { public DbOptions O() => new DbOptions { ConnectionString = {|#0:"{{value}}"|} }; }"""
            : $$"""public class C { public DbOptions O() => new DbOptions { ConnectionString = "{{value}}" }; }""";
        var expected = reported ? new[] { Verify.Diagnostic("PLAT4001").WithLocation(0).WithArguments("ConnectionString") } : Array.Empty<Microsoft.CodeAnalysis.Testing.DiagnosticResult>();
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(TokenApi), expected);
    }

    [Fact]
    public async Task PLAT4002_EF_Core_design_time_factory_is_a_composition_root()
    {
        const string source = """
            public class OrdersContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<object>
            {
                public object CreateDbContext(string[] args) => System.Environment.GetEnvironmentVariable("ORDERS_DB") ?? "";
            }

            public class Elsewhere
            {
                public string? Read() => [|System.Environment.GetEnvironmentVariable("ORDERS_DB")|];
            }
            """;
        const string efDesign = """
            namespace Microsoft.EntityFrameworkCore.Design
            {
                public interface IDesignTimeDbContextFactory<out TContext> where TContext : class { TContext CreateDbContext(string[] args); }
            }
            """;
        await Verify.AnalyzerAsync<EnvironmentVariableAnalyzer>(source, ProjectSetup.Library.WithSource(efDesign));
    }

    public static TheoryData<string, string> NonServiceProjects { get; } = new()
    {
        // What the compilation references decides it, even when the SDK declared every executable 'console'.
        { "console", "namespace Aspire.Hosting { public class DistributedApplication { } }" },
        { "console", "namespace Nuke.Common { public abstract class NukeBuild { } }" },
        { "library", "namespace Microsoft.Maui.Hosting { public sealed class MauiApp { } }" },
        { "apphost", "" },
        { "tool", "" },
        { "client", "" },
    };

    [Theory]
    [MemberData(nameof(NonServiceProjects))]
    public async Task Service_rules_do_not_fire_in_AppHosts_build_tools_and_client_apps(string kind, string marker)
    {
        const string source = """
            public class Build
            {
                public void Compile()
                {
                    System.Threading.Thread.Sleep(100);
                    using var client = new System.Net.Http.HttpClient();
                    var home = System.Environment.GetEnvironmentVariable("HOME");
                    System.Threading.Tasks.Task.Delay(1).Wait();
                }
            }
            """;
        var project = new ProjectSetup { Kind = kind }.WithSource(marker.Length == 0 ? "class Marker { }" : marker);
        await Verify.AnalyzerAsync<ThreadSleepAnalyzer>(source, project);
        await Verify.AnalyzerAsync<HttpClientInstantiationAnalyzer>(source, project);
        await Verify.AnalyzerAsync<EnvironmentVariableAnalyzer>(source, project);
        await Verify.AnalyzerAsync<BlockingTaskWaitAnalyzer>(source, project);
    }

    [Fact]
    public async Task Hard_coded_secrets_are_still_reported_in_a_client_app()
    {
        const string source = """public class C { public DbOptions O() => new DbOptions { Password = {|#0:"Xk29!vB7qq"|} }; }""";
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, new ProjectSetup { Kind = "client" }.WithSource(TokenApi),
            Verify.Diagnostic("PLAT4001").WithLocation(0).WithArguments("Password"));
    }

    [Fact]
    public async Task PLAT5001_top_level_statements_and_static_Main_are_treated_alike()
    {
        const string topLevel = """
            using System.Threading.Tasks;

            Task.Delay(1).Wait();
            System.Func<int> handler = () => [|Task.FromResult(1).Result|];
            """;
        await Verify.AnalyzerAsync<BlockingTaskWaitAnalyzer>(topLevel, ProjectSetup.Worker.AsExecutable());

        const string main = """
            using System.Threading.Tasks;

            public static class Program
            {
                public static void Main()
                {
                    Task.Delay(1).Wait();
                    System.Func<int> handler = () => [|Task.FromResult(1).Result|];
                }
            }
            """;
        await Verify.AnalyzerAsync<BlockingTaskWaitAnalyzer>(main, ProjectSetup.Worker.AsExecutable());
    }

    [Fact]
    public async Task PLAT9003_ids_that_are_not_rules_are_not_reported_as_silenced()
    {
        const string source = """
            #pragma warning disable PLAT9999, {|#0:PLAT5001|}
            public class C { }
            #pragma warning restore PLAT9999, PLAT5001
            """;
        await Verify.AnalyzerAsync<SuppressedPlatformRuleAnalyzer>(source, ProjectSetup.Web.With("NoWarn", "PLAT9999,CS1591"),
            Verify.Diagnostic("PLAT9003").WithLocation(0).WithArguments("PLAT5001", "#pragma warning disable"));
    }

    [Fact]
    public async Task PLAT1001_reports_Debug_output_in_service_code()
    {
        const string source = """
            public class Worker
            {
                public void Run()
                {
                    {|#0:System.Diagnostics.Debug.WriteLine("tick")|};
                    {|#1:System.Diagnostics.Trace.WriteLine("tick")|};
                }
            }
            """;
        await Verify.AnalyzerAsync<ConsoleOutputAnalyzer>(source, ProjectSetup.Worker.WithCompilationOptions(o => o.WithOptimizationLevel(Microsoft.CodeAnalysis.OptimizationLevel.Debug)),
            Verify.Diagnostic("PLAT1001").WithLocation(0).WithArguments("Debug.WriteLine"),
            Verify.Diagnostic("PLAT1001").WithLocation(1).WithArguments("Trace.WriteLine"));
    }
}
