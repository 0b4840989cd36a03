using Platform.Analyzers.Analyzers;
using Platform.Analyzers.CodeFixes;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class SystemClockAnalyzerTests
{
    [Fact]
    public async Task DateTime_and_DateTimeOffset_clock_reads_in_service_code_are_reported()
    {
        const string source = """
            using System;

            public class Invoices
            {
                public object[] Stamps() => new object[]
                {
                    {|#0:DateTime.UtcNow|}, [|DateTime.Now|], [|DateTime.Today|], [|DateTimeOffset.UtcNow|], [|DateTimeOffset.Now|],
                };
            }
            """;
        await Verify.AnalyzerAsync<SystemClockAnalyzer>(source, ProjectSetup.Web,
            Verify.Diagnostic("PLAT3001").WithLocation(0).WithArguments("DateTime.UtcNow"));
    }

    [Fact]
    public async Task TimeProvider_and_other_DateTime_members_are_not_reported()
    {
        const string source = """
            using System;

            public class Invoices(TimeProvider clock)
            {
                public DateTimeOffset Due() => clock.GetUtcNow().AddDays(30);
                public DateTime Epoch() => DateTime.UnixEpoch;
                public DateTime Min() => DateTime.MinValue;
            }
            """;
        await Verify.AnalyzerAsync<SystemClockAnalyzer>(source, ProjectSetup.Web);
    }

    [Fact]
    public async Task Clock_reads_in_a_test_project_are_not_reported()
    {
        const string source = """
            using System;

            public class InvoiceTests
            {
                public DateTime Now() => DateTime.UtcNow;
            }
            """;
        await Verify.AnalyzerAsync<SystemClockAnalyzer>(source, ProjectSetup.Test);
    }

    [Fact]
    public async Task Clock_reads_are_replaced_with_the_TimeProvider_in_scope_and_fix_all_fixes_every_one()
    {
        const string source = """
            using System;

            public class Invoices
            {
                private readonly TimeProvider _timeProvider;

                public Invoices(TimeProvider timeProvider) => _timeProvider = timeProvider;

                public DateTimeOffset Issued() => [|DateTimeOffset.UtcNow|];
                public DateTimeOffset Local() => [|DateTimeOffset.Now|];
                public DateTime IssuedUtc() => [|DateTime.UtcNow|];
                public DateTime IssuedLocal() => [|DateTime.Now|];
                public DateTime Day() => [|DateTime.Today|];
            }
            """;
        const string fixedSource = """
            using System;

            public class Invoices
            {
                private readonly TimeProvider _timeProvider;

                public Invoices(TimeProvider timeProvider) => _timeProvider = timeProvider;

                public DateTimeOffset Issued() => _timeProvider.GetUtcNow();
                public DateTimeOffset Local() => _timeProvider.GetLocalNow();
                public DateTime IssuedUtc() => _timeProvider.GetUtcNow().UtcDateTime;
                public DateTime IssuedLocal() => _timeProvider.GetLocalNow().LocalDateTime;
                public DateTime Day() => _timeProvider.GetLocalNow().LocalDateTime.Date;
            }
            """;
        await Verify.CodeFixAsync<SystemClockAnalyzer, SystemClockCodeFixProvider>(source, fixedSource);
    }

    [Fact]
    public async Task No_fix_is_offered_in_static_code_without_a_TimeProvider()
    {
        const string source = """
            using System;

            public class Invoices
            {
                private readonly TimeProvider _timeProvider = TimeProvider.System;

                public static DateTime Now() => [|DateTime.UtcNow|];
            }
            """;
        await Verify.CodeFixAsync<SystemClockAnalyzer, SystemClockCodeFixProvider>(source, source);
    }
}
