using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class ThreadSleepAnalyzerTests
{
    [Fact]
    public async Task Thread_Sleep_in_a_worker_is_reported()
    {
        const string source = """
            using System;
            using System.Threading;

            public class Poller
            {
                public void Poll()
                {
                    [|Thread.Sleep(1000)|];
                    [|Thread.Sleep(TimeSpan.FromSeconds(1))|];
                }
            }
            """;
        await Verify.AnalyzerAsync<ThreadSleepAnalyzer>(source, ProjectSetup.Worker);
    }

    [Fact]
    public async Task Task_Delay_is_not_reported()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;

            public class Poller
            {
                public Task PollAsync(CancellationToken token) => Task.Delay(1000, token);
            }
            """;
        await Verify.AnalyzerAsync<ThreadSleepAnalyzer>(source, ProjectSetup.Worker);
    }

    [Fact]
    public async Task Thread_Sleep_in_a_test_project_is_not_reported()
    {
        const string source = """
            public class SlowTests
            {
                public void Wait() => System.Threading.Thread.Sleep(10);
            }
            """;
        await Verify.AnalyzerAsync<ThreadSleepAnalyzer>(source, ProjectSetup.Test);
    }
}
