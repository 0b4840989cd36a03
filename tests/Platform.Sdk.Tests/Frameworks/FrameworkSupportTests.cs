namespace Platform.Sdk.Tests.Frameworks;

/// <summary>
/// Platform.Frameworks.props/.targets: a framework past its end of support warns (PLAT0030, a warning in CI too), fails
/// from the platform's date (PLAT0031), is allowed by a Framework deviation, and a malformed table entry is refused.
/// </summary>
public class FrameworkSupportTests
{
    private const string FrameworkDeviation = """
        <ItemGroup>
          <PlatformDeviation Include="Framework" Reason="Waits for a vendor SDK on net10.0" Owner="team-orders" Expires="2027-04-01" />
        </ItemGroup>
        """;

    [Fact]
    public async Task A_framework_past_its_end_of_support_warns_with_the_date_and_the_fix_and_CI_still_passes()
    {
        var repo = await ConsumerProject.Create().WithProperty("TargetFramework", "net8.0").WriteAsync();

        var ci = await repo.BuildAsync(ci: true, "-p:PlatformBuildDate=2026-12-01");

        Assert.True(ci.Succeeded, ci.ToString());
        Assert.Contains("PLAT0030", ci.WarningCodes);
        Assert.Contains("reached end of support on 2026-11-10", ci.Output, StringComparison.Ordinal);
        Assert.Contains("Target net10.0", ci.Output, StringComparison.Ordinal);
        Assert.Contains("From 2027-03-01 this fails the build", ci.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("net8.0", "2027-03-01", "PLAT0031", true)]
    [InlineData("net9.0", "2027-06-30", "PLAT0031", true)]
    [InlineData("net9.0", "2026-11-09", null, false)]
    [InlineData("net10.0", "2027-06-30", null, false)]
    public async Task The_table_decides_by_the_build_date(string framework, string buildDate, string? error, bool fails)
    {
        var repo = await ConsumerProject.Create().WithProperty("TargetFramework", framework).WriteAsync();

        var check = await CheckAsync(repo, buildDate);

        Assert.Equal(!fails, check.Succeeded);
        if (error is not null)
        {
            Assert.Contains(error, check.ErrorCodes);
            Assert.Contains("register <PlatformDeviation Include=\"Framework\"", check.Output, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("PLAT003", check.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_Framework_deviation_on_the_record_allows_it()
    {
        var repo = await ConsumerProject.Create().WithProperty("TargetFramework", "net8.0").WithXml(FrameworkDeviation).WriteAsync();

        var check = await CheckAsync(repo, "2027-03-15");

        Assert.True(check.Succeeded, check.ToString());
        Assert.DoesNotContain("PLAT0031", check.ErrorCodes);
        Assert.Contains("allowed by a registered Framework deviation", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_table_entry_is_refused()
    {
        var repo = await ConsumerProject.Create()
            .WithXml("<ItemGroup><PlatformFrameworkSupport Update=\"net10.0\" ErrorFrom=\"soon\" /></ItemGroup>")
            .WriteAsync();

        var check = await CheckAsync(repo, "2026-12-01");

        Assert.False(check.Succeeded);
        Assert.Contains("PLAT0032", check.ErrorCodes);
        Assert.Contains("yyyy-MM-dd", check.Output, StringComparison.Ordinal);
    }

    /// <summary>Only the framework check (and the deviations it depends on): no restore, no compile.</summary>
    private static Task<BuildResult> CheckAsync(ConsumerRepo repo, string buildDate) =>
        repo.MSBuildAsync("-t:_PlatformCheckFrameworkSupport", "-p:PlatformBuildDate=" + buildDate);
}
