using Platform.Cli.Infrastructure;
using Platform.Cli.Upgrade;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>The rewrite touches version text only, in every spelling of a Platform SDK reference.</summary>
public sealed class PinRewriteTests
{
    [Theory]
    [InlineData("<Project Sdk=\"Platform.Sdk.Web/1.0.0\">", "<Project Sdk=\"Platform.Sdk.Web/2.0.0-rc.1\">")]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk; Platform.Sdk/1.0.0\">", "<Project Sdk=\"Microsoft.NET.Sdk; Platform.Sdk/2.0.0-rc.1\">")]
    [InlineData("<Sdk Name=\"Platform.Sdk.Web\" Version=\"1.0.0\" />", "<Sdk Name=\"Platform.Sdk.Web\" Version=\"2.0.0-rc.1\" />")]
    [InlineData("<Import Project=\"Sdk.props\" Sdk=\"Platform.Sdk\" Version='1.0.0' />", "<Import Project=\"Sdk.props\" Sdk=\"Platform.Sdk\" Version='2.0.0-rc.1' />")]
    [InlineData("<Sdk Name=\"Other.Sdk\" Version=\"1.0.0\" />", "<Sdk Name=\"Other.Sdk\" Version=\"1.0.0\" />")]
    [InlineData("<Project Sdk=\"Other.Sdk/1.0.0\">", "<Project Sdk=\"Other.Sdk/1.0.0\">")]
    [InlineData("<Project Sdk=\"Platform.Sdk\">", "<Project Sdk=\"Platform.Sdk\">")]
    [InlineData("<PackageReference Include=\"Platform.ServiceDefaults\" Version=\"1.0.0\" />", "<PackageReference Include=\"Platform.ServiceDefaults\" Version=\"1.0.0\" />")]
    public void Project_files(string before, string after) =>
        Assert.Equal(after, ProjectSdkReferences.Rewrite(before, KitVersion.Parse("2.0.0-rc.1")));

    [Fact]
    public void Global_json_keeps_comments_spacing_other_sdks_and_placeholders()
    {
        const string before = "{\r\n  // pinned\r\n  \"sdk\": { \"version\": \"10.0.100\" },\r\n  \"msbuild-sdks\": {\r\n    \"Platform.Sdk\" :  \"1.0.0\",\r\n    \"Platform.Sdk.Web\": \"PLATFORM_SDK_VERSION\",\r\n    \"Microsoft.Build.NoTargets\": \"1.0.0\"\r\n  },\r\n  \"Platform.Sdk\": \"1.0.0\"\r\n}\r\n";
        const string after = "{\r\n  // pinned\r\n  \"sdk\": { \"version\": \"10.0.100\" },\r\n  \"msbuild-sdks\": {\r\n    \"Platform.Sdk\" :  \"2.0.0\",\r\n    \"Platform.Sdk.Web\": \"PLATFORM_SDK_VERSION\",\r\n    \"Microsoft.Build.NoTargets\": \"1.0.0\"\r\n  },\r\n  \"Platform.Sdk\": \"1.0.0\"\r\n}\r\n";
        Assert.Equal(after, GlobalJsonDocument.Parse(before).WithKitPinsAt(KitVersion.Parse("2.0.0")));
    }
}
