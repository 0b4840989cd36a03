using Platform.Analyzers.Analyzers;
using Platform.Analyzers.CodeFixes;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class ConsoleOutputAnalyzerTests
{
    private const string Service = """
        using System;
        using System.Diagnostics;
        using Microsoft.Extensions.Logging;

        public class OrderService
        {
            private readonly ILogger<OrderService> _logger;

            public OrderService(ILogger<OrderService> logger) => _logger = logger;

            public void Ship(int id)
            {
                {|#0:Console.WriteLine($"Order {id} shipped")|};
            }
        }
        """;

    [Fact]
    public async Task Console_WriteLine_in_a_web_service_is_reported()
    {
        await Verify.AnalyzerAsync<ConsoleOutputAnalyzer>(Service, ProjectSetup.Web,
            Verify.Diagnostic("PLAT1001").WithLocation(0).WithArguments("Console.WriteLine"));
    }

    [Fact]
    public async Task Console_Out_Error_and_Trace_writes_are_reported_once_each()
    {
        const string source = """
            using System;
            using System.Diagnostics;

            public class Worker
            {
                public void Run()
                {
                    [|Console.Write("a")|];
                    [|Console.Out.WriteLine("b")|];
                    [|Console.Error.WriteLine("c")|];
                    [|Trace.WriteLine("d")|];
                    [|Trace.TraceError("e")|];
                    var writer = [|Console.Out|];
                }
            }
            """;
        await Verify.AnalyzerAsync<ConsoleOutputAnalyzer>(source, ProjectSetup.Worker);
    }

    [Fact]
    public async Task Logging_through_ILogger_is_not_reported()
    {
        const string source = """
            using System;
            using Microsoft.Extensions.Logging;

            public class OrderService(ILogger<OrderService> logger)
            {
                public void Ship(int id)
                {
                    logger.LogInformation("Order {Id} shipped", id);
                    var line = Console.ReadLine();
                }
            }
            """;
        await Verify.AnalyzerAsync<ConsoleOutputAnalyzer>(source, ProjectSetup.Web);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("console")]
    public async Task Console_output_is_allowed_in_test_and_console_projects(string kind)
    {
        var source = Service.Replace("{|#0:", string.Empty).Replace("|};", ";");
        await Verify.AnalyzerAsync<ConsoleOutputAnalyzer>(source, new ProjectSetup { Kind = kind });
    }

    [Fact]
    public async Task Console_output_in_a_project_that_references_xunit_is_not_reported()
    {
        var source = Service.Replace("{|#0:", string.Empty).Replace("|};", ";");
        await Verify.AnalyzerAsync<ConsoleOutputAnalyzer>(source, ProjectSetup.Library.WithReference(TestReferences.Xunit));
    }

    [Fact]
    public async Task Console_output_in_a_project_marked_IsTestProject_is_not_reported()
    {
        var source = Service.Replace("{|#0:", string.Empty).Replace("|};", ";");
        await Verify.AnalyzerAsync<ConsoleOutputAnalyzer>(source, ProjectSetup.Web.With("IsTestProject", "true"));
    }

    [Fact]
    public async Task Interpolated_console_output_is_rewritten_into_a_structured_log_call()
    {
        const string fixedSource = """
            using System;
            using System.Diagnostics;
            using Microsoft.Extensions.Logging;

            public class OrderService
            {
                private readonly ILogger<OrderService> _logger;

                public OrderService(ILogger<OrderService> logger) => _logger = logger;

                public void Ship(int id)
                {
                    _logger.LogInformation("Order {Id} shipped", id);
                }
            }
            """;
        await Verify.CodeFixAsync<ConsoleOutputAnalyzer, ConsoleOutputCodeFixProvider>(Service.Replace("{|#0:", "[|").Replace("|};", "|];"), fixedSource);
    }

    [Fact]
    public async Task Composite_format_and_Console_Error_are_rewritten_with_named_placeholders_and_fix_all()
    {
        const string source = """
            using System;

            public class Importer(Microsoft.Extensions.Logging.ILogger logger)
            {
                public void Import(string file, int count, Exception error)
                {
                    [|Console.WriteLine("{0} rows from {1}", count, file)|];
                    [|Console.Error.WriteLine(error.Message)|];
                    [|Console.WriteLine("done {ok}")|];
                    [|Console.WriteLine(count)|];
                }
            }
            """;
        const string fixedSource = """
            using System;
            using Microsoft.Extensions.Logging;

            public class Importer(Microsoft.Extensions.Logging.ILogger logger)
            {
                public void Import(string file, int count, Exception error)
                {
                    logger.LogInformation("{Count} rows from {File}", count, file);
                    logger.LogError("{Message}", error.Message);
                    logger.LogInformation("done {{ok}}");
                    logger.LogInformation("{Value}", count);
                }
            }
            """;
        await Verify.CodeFixAsync<ConsoleOutputAnalyzer, ConsoleOutputCodeFixProvider>(source, fixedSource);
    }

    [Fact]
    public async Task No_fix_is_offered_without_a_logger_in_scope()
    {
        const string source = """
            using System;

            public class Importer
            {
                public void Import() => [|Console.WriteLine("x")|];
            }
            """;
        await Verify.CodeFixAsync<ConsoleOutputAnalyzer, ConsoleOutputCodeFixProvider>(source, source);
    }
}
