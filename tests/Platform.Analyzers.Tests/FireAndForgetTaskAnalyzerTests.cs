using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class FireAndForgetTaskAnalyzerTests
{
    [Fact]
    public async Task Dropped_Task_Run_in_a_controller_action_is_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class ImportController : ControllerBase
            {
                [HttpPost]
                public IActionResult Import()
                {
                    {|#0:Task.Run(() => Work())|};
                    _ = {|#1:Task.Factory.StartNew(Work)|};
                    {|#2:Task.Run(Work)|}.ContinueWith(t => t.Exception);
                    return Accepted();
                }

                private static void Work() { }
            }
            """;
        await Verify.AnalyzerAsync<FireAndForgetTaskAnalyzer>(source, ProjectSetup.Web,
            Verify.Diagnostic("PLAT5003").WithLocation(0).WithArguments("Task.Run"),
            Verify.Diagnostic("PLAT5003").WithLocation(1).WithArguments("Task.Factory.StartNew"),
            Verify.Diagnostic("PLAT5003").WithLocation(2).WithArguments("Task.Run"));
    }

    [Fact]
    public async Task Dropped_task_in_a_minimal_API_handler_and_in_middleware_is_reported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.CreateBuilder(args).Build();
            app.MapPost("/import", () => { [|Task.Run(() => { })|]; return Results.Accepted(); });
            app.Run();

            public class AuditMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    [|Task.Run(() => { })|];
                    await next(context);
                }
            }
            """;
        await Verify.AnalyzerAsync<FireAndForgetTaskAnalyzer>(source, ProjectSetup.Web.AsExecutable());
    }

    [Fact]
    public async Task Awaited_stored_or_returned_tasks_and_code_outside_request_handling_are_not_reported()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Hosting;

            public class ImportController : ControllerBase
            {
                public async Task<IActionResult> Import()
                {
                    await Task.Run(() => { });
                    var pending = Task.Run(() => { });
                    await Task.WhenAll(pending, Task.Run(() => { }));
                    return Accepted();
                }

                public Task Later() => Task.Run(() => { });
            }

            public class Worker : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    Task.Run(() => { }, stoppingToken);
                    return Task.CompletedTask;
                }
            }
            """;
        await Verify.AnalyzerAsync<FireAndForgetTaskAnalyzer>(source, ProjectSetup.Web);
    }

    [Fact]
    public async Task Not_reported_in_test_projects()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class FakeController : ControllerBase
            {
                public IActionResult Get() { Task.Run(() => { }); return Ok(); }
            }
            """;
        await Verify.AnalyzerAsync<FireAndForgetTaskAnalyzer>(source, ProjectSetup.Test);
    }
}
