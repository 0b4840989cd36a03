using Platform.Analyzers.Analyzers;
using Platform.Analyzers.CodeFixes;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class BlockingTaskWaitAnalyzerTests
{
    [Fact]
    public async Task Result_Wait_and_GetResult_on_tasks_are_reported()
    {
        const string source = """
            using System.Threading.Tasks;

            public class Orders
            {
                public int Count(Task<int> pending, ValueTask<int> other, Task done)
                {
                    {|#0:done.Wait()|};
                    var a = [|pending.Result|];
                    var b = [|pending.GetAwaiter().GetResult()|];
                    var c = [|other.Result|];
                    var d = [|pending.ConfigureAwait(false).GetAwaiter().GetResult()|];
                    return a + b + c + d;
                }
            }
            """;
        await Verify.AnalyzerAsync<BlockingTaskWaitAnalyzer>(source, ProjectSetup.Web,
            Verify.Diagnostic("PLAT5001").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task Result_of_a_task_that_is_already_complete_is_not_reported()
    {
        const string source = """
            using System.Threading.Tasks;

            public class Orders
            {
                public async Task<int> SumAsync(Task<int> first, Task<int> second)
                {
                    await Task.WhenAll(first, second);
                    return first.Result + second.Result;
                }

                public int Peek(Task<int> task) => task.IsCompletedSuccessfully ? task.Result : 0;

                public Task<string> Describe(Task<int> task) => task.ContinueWith(t => t.Result.ToString());
            }
            """;
        await Verify.AnalyzerAsync<BlockingTaskWaitAnalyzer>(source, ProjectSetup.Web);
    }

    [Fact]
    public async Task Blocking_in_a_static_Main_is_not_reported()
    {
        const string source = """
            using System.Threading.Tasks;

            public static class Program
            {
                public static void Main() => RunAsync().GetAwaiter().GetResult();

                private static Task RunAsync() => Task.CompletedTask;
            }
            """;
        await Verify.AnalyzerAsync<BlockingTaskWaitAnalyzer>(source, ProjectSetup.Worker.AsExecutable());
    }

    [Fact]
    public async Task Blocking_in_a_test_project_is_not_reported()
    {
        const string source = """
            using System.Threading.Tasks;

            public class OrderTests
            {
                public int Run(Task<int> task) => task.Result;
            }
            """;
        await Verify.AnalyzerAsync<BlockingTaskWaitAnalyzer>(source, ProjectSetup.Test);
    }

    [Fact]
    public async Task Blocking_calls_in_an_async_method_are_replaced_with_await_and_fix_all_fixes_every_one()
    {
        const string source = """
            using System.Threading.Tasks;

            public class Orders
            {
                public async Task<int> CountAsync(Task<int> pending, Task<int> other, Task<int> third, Task done)
                {
                    [|done.Wait()|];
                    var a = [|pending.Result|];
                    var b = [|other.GetAwaiter().GetResult()|];
                    var c = [|third.Result|].ToString().Length;
                    await Task.Yield();
                    return a + b + c;
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;

            public class Orders
            {
                public async Task<int> CountAsync(Task<int> pending, Task<int> other, Task<int> third, Task done)
                {
                    await done;
                    var a = await pending;
                    var b = await other;
                    var c = (await third).ToString().Length;
                    await Task.Yield();
                    return a + b + c;
                }
            }
            """;
        await Verify.CodeFixAsync<BlockingTaskWaitAnalyzer, BlockingTaskWaitCodeFixProvider>(source, fixedSource);
    }

    [Fact]
    public async Task No_fix_is_offered_in_a_synchronous_method()
    {
        const string source = """
            using System.Threading.Tasks;

            public class Orders
            {
                public int Count(Task<int> pending) => [|pending.Result|];
            }
            """;
        await Verify.CodeFixAsync<BlockingTaskWaitAnalyzer, BlockingTaskWaitCodeFixProvider>(source, source);
    }
}
