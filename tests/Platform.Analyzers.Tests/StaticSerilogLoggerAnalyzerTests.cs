using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class StaticSerilogLoggerAnalyzerTests
{
    /// <summary>The shape of Serilog's static API (the package is not needed to analyse calls to it).</summary>
    private const string Serilog = """
        namespace Serilog
        {
            public static class Log
            {
                public static object? Logger { get; set; }
                public static void Information(string template, params object?[] values) { }
                public static void Warning(string template, params object?[] values) { }
                public static void Fatal(System.Exception exception, string template, params object?[] values) { }
                public static void CloseAndFlush() { }
            }
        }
        """;

    [Fact]
    public async Task Static_Log_calls_in_service_classes_are_reported()
    {
        const string source = """
            using Serilog;

            public class OrderService
            {
                public void Ship(int id)
                {
                    {|#0:Log.Information("Shipping {OrderId}", id)|};
                    {|#1:Serilog.Log.Warning("Late")|};
                }
            }
            """;
        await Verify.AnalyzerAsync<StaticSerilogLoggerAnalyzer>(source, ProjectSetup.Web.WithSource(Serilog),
            Verify.Diagnostic("PLAT1004").WithLocation(0).WithArguments("Information"),
            Verify.Diagnostic("PLAT1004").WithLocation(1).WithArguments("Warning"));
    }

    [Fact]
    public async Task Bootstrap_logging_in_Program_is_not_reported_but_a_handler_lambda_there_is()
    {
        const string source = """
            using Serilog;

            try
            {
                Log.Information("Starting");
                System.Action handler = () => [|Log.Information("request")|];
            }
            catch (System.Exception ex)
            {
                Log.Fatal(ex, "Host terminated");
            }
            finally
            {
                Log.CloseAndFlush();
            }
            """;
        await Verify.AnalyzerAsync<StaticSerilogLoggerAnalyzer>(source, ProjectSetup.Web.AsExecutable().WithSource(Serilog));
    }

    [Theory]
    [InlineData("test")]
    [InlineData("console")]
    [InlineData("tool")]
    public async Task Not_reported_in_test_console_and_tool_projects(string kind)
    {
        const string source = """
            public class Steps
            {
                public void Run() => Serilog.Log.Information("step");
            }
            """;
        await Verify.AnalyzerAsync<StaticSerilogLoggerAnalyzer>(source, new ProjectSetup { Kind = kind }.WithSource(Serilog));
    }

    [Fact]
    public async Task Not_reported_without_Serilog_or_for_a_Log_class_of_the_app()
    {
        const string source = """
            public static class Log { public static void Information(string message) { } }
            public class C { public void M() => Log.Information("x"); }
            """;
        await Verify.AnalyzerAsync<StaticSerilogLoggerAnalyzer>(source, ProjectSetup.Web);
    }
}
