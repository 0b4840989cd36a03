namespace Platform.Sdk.Tests.Validation;

/// <summary>Platform.Validation.targets: bad input gets a PLAT error that says what to do, never a stack trace.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData("net6.0")]
    [InlineData("net7.0")]
    [InlineData("net48")]
    public async Task TargetFramework_below_net8_is_refused(string framework)
    {
        var repo = await ConsumerProject.Create().WithProperty("TargetFramework", framework).WriteAsync();

        var build = await repo.BuildAsync();

        AssertRefused(build, "PLAT0001", "net8.0");
    }

    [Fact]
    public async Task A_switch_with_a_value_that_is_not_a_boolean_is_refused()
    {
        var repo = await ConsumerProject.Create().WithProperty("PlatformSourceLink", "yes").WriteAsync();

        var build = await repo.BuildAsync();

        AssertRefused(build, "PLAT0002", "PlatformSourceLink");
    }

    [Fact]
    public async Task An_unknown_project_kind_is_refused()
    {
        var repo = await ConsumerProject.Create().WithProperty("PlatformProjectKind", "service").WriteAsync();

        var build = await repo.BuildAsync();

        AssertRefused(build, "PLAT0003", "web, worker, library, console, test, apphost, tool or client");
    }

    [Theory]
    [InlineData("PlatformAnalysisMode", "paranoid", "PLAT0005", "minimum, recommended or strict")]
    [InlineData("PlatformServiceName", "Order_Api", "PLAT0006", "lower-case letters, digits and dashes")]
    [InlineData("PlatformServiceNamespace", "-shop", "PLAT0007", "lower-case letters, digits and dashes")]
    public async Task A_value_the_SDK_cannot_use_is_refused(string property, string value, string code, string guidance)
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithProperty(property, value).WriteAsync();

        var build = await repo.BuildAsync();

        AssertRefused(build, code, guidance);
    }

    [Theory]
    [InlineData("PlatformServiceName", "PLAT0006")]
    [InlineData("PlatformServiceNamespace", "PLAT0007")]
    public async Task A_name_with_a_trailing_line_break_is_refused(string property, string code)
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithXml($"<PropertyGroup><{property}>orders&#10;</{property}></PropertyGroup>").WriteAsync();

        var build = await repo.BuildAsync();

        AssertRefused(build, code, "no line break");
    }

    [Fact]
    public async Task A_long_project_name_gets_a_valid_derived_service_name_and_builds()
    {
        var name = "Contoso.Platform.Inventory.Reconciliation.Ledger.Adapters.Persistence.Core"; // 74 characters
        var repo = await ConsumerProject.Create(name).WithFile("Backoff.cs", SampleCode.Library).WriteAsync();

        var serviceName = repo.Evaluate().Property("PlatformServiceName");
        var build = await repo.BuildAsync();

        Assert.Matches(@"\A[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z", serviceName);
        Assert.StartsWith("contoso-platform-inventory-reconciliation-ledger-adapt-", serviceName, StringComparison.Ordinal);
        Assert.Equal(63, serviceName.Length);
        Assert.True(build.Succeeded, build.ToString());
    }

    [Fact]
    public async Task An_invalid_service_name_says_where_it_came_from()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithProperty("PlatformServiceName", "Order_Api").WriteAsync();

        var build = await repo.BuildAsync();

        AssertRefused(build, "PLAT0006", "set in the project");
    }

    [Fact]
    public async Task The_web_SDK_added_to_a_non_web_project_is_refused()
    {
        var repo = await ConsumerProject.Create()
            .WithProjectXml("<Project Sdk=\"Microsoft.NET.Sdk\"><Sdk Name=\"Platform.Sdk.Web\" /></Project>")
            .WriteAsync();

        var build = await repo.BuildAsync();

        AssertRefused(build, "PLAT0004", "Microsoft.NET.Sdk.Web");
    }

    private static void AssertRefused(BuildResult build, string code, string guidance)
    {
        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains(code, build.ErrorCodes);
        Assert.Contains(guidance, build.Output);
        Assert.False(build.HasStackTrace, build.ToString());
    }
}
