using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class PlatformDeviationSuppressorTests
{
    private const string Source = """
        using System.Net.Http;

        public class Legacy
        {
            public HttpClient Create() => {|#0:new HttpClient()|};
        }
        """;

    [Fact]
    public async Task Diagnostic_of_a_registered_deviation_is_reported_as_suppressed()
    {
        await Verify.SuppressorAsync<HttpClientInstantiationAnalyzer>(Source, ProjectSetup.Web.WithDeviations("PLAT2001", "Nullable"),
            Verify.Diagnostic("PLAT2001").WithLocation(0).WithArguments("HttpClient").WithIsSuppressed(true));
    }

    [Fact]
    public async Task Diagnostic_without_a_deviation_is_not_suppressed()
    {
        await Verify.SuppressorAsync<HttpClientInstantiationAnalyzer>(Source, ProjectSetup.Web.WithDeviations("PLAT2002"),
            Verify.Diagnostic("PLAT2001").WithLocation(0).WithArguments("HttpClient").WithIsSuppressed(false));
    }

    [Fact]
    public void Every_platform_rule_can_be_suppressed_with_the_deviation_justification()
    {
        var suppressor = new PlatformDeviationSuppressor();
        Assert.Equal(
            Rules.All.Select(r => r.Id).OrderBy(id => id),
            suppressor.SupportedSuppressions.Select(s => s.SuppressedDiagnosticId).OrderBy(id => id));
        Assert.All(suppressor.SupportedSuppressions, s =>
        {
            Assert.Equal("Registered platform deviation (PlatformDeviation item in the project); see obj compliance record", s.Justification.ToString());
            Assert.StartsWith("PLATS", s.Id);
        });
    }
}
