namespace Platform.Sdk.Tests.Build;

/// <summary>Platform.Build.props/.targets: language, compiler and framework defaults, each with its opt-out.</summary>
public class BuildSettingsTests
{
    [Theory]
    [InlineData("LangVersion", "latest")]
    [InlineData("Nullable", "enable")]
    [InlineData("ImplicitUsings", "enable")]
    [InlineData("Deterministic", "true")]
    [InlineData("EnforceCodeStyleInBuild", "true")]
    [InlineData("GenerateDocumentationFile", "true")]
    [InlineData("TargetFramework", "net10.0")]
    [InlineData("UsingPlatformSdk", "true")]
    public async Task Default_is_applied_to_a_project_that_sets_nothing(string property, string expected)
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        Assert.Equal(expected, repo.Evaluate().Property(property));
    }

    [Theory]
    [InlineData("LangVersion", "12.0")]
    [InlineData("Nullable", "disable")]
    [InlineData("ImplicitUsings", "disable")]
    [InlineData("Deterministic", "false")]
    [InlineData("EnforceCodeStyleInBuild", "false")]
    [InlineData("GenerateDocumentationFile", "false")]
    [InlineData("TargetFramework", "net9.0")]
    public async Task Project_body_overrides_the_default(string property, string value)
    {
        var repo = await ConsumerProject.Create().WithProperty(property, value).WriteAsync();

        Assert.Equal(value, repo.Evaluate().Property(property));
    }

    [Fact]
    public async Task Directory_Build_props_overrides_the_default()
    {
        var repo = await ConsumerProject.Create()
            .WithRepoFile("Directory.Build.props", "<Project><PropertyGroup><Nullable>warnings</Nullable><PlatformDefaultTargetFramework>net9.0</PlatformDefaultTargetFramework></PropertyGroup></Project>")
            .WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("warnings", project.Property("Nullable"));
        Assert.Equal("net9.0", project.Property("TargetFramework"));
    }

    [Fact]
    public async Task Multi_targeting_project_gets_no_default_TargetFramework()
    {
        var repo = await ConsumerProject.Create().WithProperty("TargetFrameworks", "net9.0;net10.0").WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal(string.Empty, project.Property("TargetFramework"));
        Assert.Equal("net9.0;net10.0", project.Property("TargetFrameworks"));
    }

    [Fact]
    public async Task Missing_XML_doc_warnings_are_suppressed_unless_opted_out()
    {
        var suppressed = await ConsumerProject.Create().WriteAsync();
        var optedOut = await ConsumerProject.Create().WithProperty("PlatformSuppressMissingXmlDocs", "false").WriteAsync();

        Assert.Contains("CS1591", suppressed.Evaluate().Property("NoWarn").Split(';'));
        Assert.DoesNotContain("CS1591", optedOut.Evaluate().Property("NoWarn").Split(';'));
    }

    [Theory]
    [InlineData("Platform.Sdk", null, "library")]
    [InlineData("Platform.Sdk", "Exe", "console")]
    [InlineData("Platform.Sdk.Web", null, "web")]
    [InlineData("Platform.Sdk.Test", null, "test")]
    public async Task Project_kind_is_inferred(string sdk, string? outputType, string expectedKind)
    {
        var builder = ConsumerProject.Create().WithSdk(sdk);
        if (outputType is not null)
        {
            builder.WithProperty("OutputType", outputType);
        }

        var repo = await builder.WriteAsync();

        Assert.Equal(expectedKind, repo.Evaluate().Property("PlatformProjectKind"));
    }

    [Theory]
    [InlineData("IsAspireHost", "apphost")]
    [InlineData("UseMaui", "client")]
    [InlineData("UseWPF", "client")]
    [InlineData("UseWindowsForms", "client")]
    public async Task AppHosts_and_client_apps_are_not_inferred_as_services(string property, string expectedKind)
    {
        var repo = await ConsumerProject.Create().WithProperty("OutputType", "Exe").WithProperty(property, "true").WriteAsync();

        Assert.Equal(expectedKind, repo.Evaluate().Property("PlatformProjectKind"));
    }
}
