using Platform.Cli.Adopt;

namespace Platform.Cli.Tests.Adopt;

/// <summary>Which SDK each kind of project moves to, and that only the Sdk text changes.</summary>
public sealed class ProjectConversionTests
{
    private static ProjectConversion Plan(string file, string text) => ProjectConversion.Plan("/repo/" + file, file, text);

    [Fact]
    public void Web_project_moves_to_the_web_flavour_and_keeps_everything_else()
    {
        var text = "\uFEFF<!-- api -->\r\n<Project Sdk='Microsoft.NET.Sdk.Web'>\r\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\r\n</Project>\r\n";

        var plan = Plan("Api.csproj", text);

        Assert.Equal(ConversionAction.Replace, plan.Action);
        Assert.Equal(text.Replace("Microsoft.NET.Sdk.Web", "Platform.Sdk.Web", StringComparison.Ordinal), plan.After);
    }

    [Fact]
    public void Test_project_moves_to_the_test_flavour_and_keeps_its_own_test_stack()
    {
        var plan = Plan("A.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"NUnit\" Version=\"4.0.0\" />\n  </ItemGroup>\n</Project>\n");

        Assert.Equal("Platform.Sdk.Test", plan.ToSdk);
        Assert.Contains("<Project Sdk=\"Platform.Sdk.Test\">\n  <PropertyGroup><PlatformTestPackages>false</PlatformTestPackages></PropertyGroup>\n  <ItemGroup>", plan.After, StringComparison.Ordinal);
    }

    [Fact]
    public void Razor_class_library_keeps_its_SDK_and_adds_the_kit()
    {
        var plan = Plan("Ui.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Razor\">\n\n  <PropertyGroup />\n</Project>\n");

        Assert.Equal(ConversionAction.Additive, plan.Action);
        Assert.Equal("<Project Sdk=\"Microsoft.NET.Sdk.Razor\">\n\n  <Sdk Name=\"Platform.Sdk\" />\n  <PropertyGroup />\n</Project>\n", plan.After);
    }

    [Fact]
    public void Aspire_host_keeps_its_additive_SDK_element()
    {
        var plan = Plan("AppHost.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"Aspire.AppHost.Sdk\" Version=\"9.5.0\" />\n</Project>\n");

        Assert.Equal("<Project Sdk=\"Platform.Sdk\">\n  <Sdk Name=\"Aspire.AppHost.Sdk\" Version=\"9.5.0\" />\n</Project>\n", plan.After);
    }

    [Theory]
    [InlineData("Lib.fsproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />", ".fsproj")]
    [InlineData("T.csproj", "<Project Sdk=\"MSTest.Sdk/3.6.0\" />", "'MSTest.Sdk'")]
    [InlineData("Old.csproj", "<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\" />", "not an SDK-style project")]
    [InlineData("Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">", "not valid XML")]
    public void Projects_the_kit_cannot_take_are_skipped_with_the_reason(string file, string text, string reason)
    {
        var plan = Plan(file, text);

        Assert.Equal(ConversionAction.Skipped, plan.Action);
        Assert.Contains(reason, plan.Reason, StringComparison.Ordinal);
        Assert.Equal(text, plan.After);
    }

    [Fact]
    public void Project_already_on_the_kit_is_left_alone()
    {
        Assert.Equal(ConversionAction.AlreadyOnKit, Plan("A.csproj", "<Project Sdk=\"Platform.Sdk.Web/1.2.0\" />").Action);
        Assert.Equal(ConversionAction.AlreadyOnKit, Plan("B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <Sdk Name=\"Platform.Sdk.Web\" />\n</Project>").Action);
    }

    [Fact]
    public void NuGet_config_gets_the_feed_and_mapping_once_and_keeps_comments_and_sources()
    {
        const string config = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <!-- company mirror -->\n    <add key=\"mirror\" value=\"https://mirror.example/v3/index.json\" />\n  </packageSources>\n</configuration>\n";

        var once = NuGetConfigFeed.WithFeed(config, "https://kit.example/v3/index.json", "NuGet.config");
        var twice = NuGetConfigFeed.WithFeed(once, "https://kit.example/v3/index.json", "NuGet.config");

        Assert.Equal(once, twice);
        Assert.Contains("<!-- company mirror -->", once, StringComparison.Ordinal);
        var document = Platform.Cli.Upgrade.NuGetConfigDocument.Parse(once);
        Assert.Equal(["*"], document.PatternsOf("mirror"));
        Assert.Equal(["Platform.*"], document.PatternsOf("platform"));
        Assert.Equal("https://kit.example/v3/index.json", document.Sources.Single(s => s.Key == "platform").Value);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>", once, StringComparison.Ordinal);
    }
}
