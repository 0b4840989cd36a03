using CsCheck;
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
    [InlineData("<!-- was Sdk=\"Platform.Sdk/1.0.0\" --><Project Sdk=\"Platform.Sdk\" />", "<!-- was Sdk=\"Platform.Sdk/1.0.0\" --><Project Sdk=\"Platform.Sdk\" />")]
    [InlineData("<Project Sdk = 'Platform.Sdk.Test / 1.0.0 ; Other/1.0.0'>", "<Project Sdk = 'Platform.Sdk.Test / 2.0.0-rc.1 ; Other/1.0.0'>")]
    public void Project_files(string before, string after) =>
        Assert.Equal(Document(after), ProjectSdkReferences.Rewrite(Document(before), KitVersion.Parse("2.0.0-rc.1")));

    /// <summary>The element as a whole project file: open Project elements closed, others inside one.</summary>
    private static string Document(string xml) =>
        xml.StartsWith("<Project ", StringComparison.Ordinal) && !xml.EndsWith("/>", StringComparison.Ordinal) ? xml + "</Project>"
        : xml.Contains("<Project ", StringComparison.Ordinal) ? xml
        : "<Project>" + xml + "</Project>";

    [Fact]
    public void Global_json_keeps_comments_spacing_other_sdks_and_placeholders()
    {
        const string before = "{\r\n  // pinned\r\n  \"sdk\": { \"version\": \"10.0.100\" },\r\n  \"msbuild-sdks\": {\r\n    \"Platform.Sdk\" :  \"1.0.0\",\r\n    \"Platform.Sdk.Web\": \"PLATFORM_SDK_VERSION\",\r\n    \"Microsoft.Build.NoTargets\": \"1.0.0\"\r\n  },\r\n  \"Platform.Sdk\": \"1.0.0\"\r\n}\r\n";
        const string after = "{\r\n  // pinned\r\n  \"sdk\": { \"version\": \"10.0.100\" },\r\n  \"msbuild-sdks\": {\r\n    \"Platform.Sdk\" :  \"2.0.0\",\r\n    \"Platform.Sdk.Web\": \"PLATFORM_SDK_VERSION\",\r\n    \"Microsoft.Build.NoTargets\": \"1.0.0\"\r\n  },\r\n  \"Platform.Sdk\": \"1.0.0\"\r\n}\r\n";
        Assert.Equal(after, GlobalJsonDocument.Parse(before).WithKitPinsAt(KitVersion.Parse("2.0.0")));
    }

    [Theory]
    [InlineData("<Project Sdk=\"Contoso.Platform.Sdk/2.3.0\">")]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk;Contoso.Platform.Sdk/2.3.0\">")]
    [InlineData("<Project Sdk=\"Contoso.Platform.Sdk.Web/2.3.0; Microsoft.NET.Sdk\">")]
    [InlineData("<Sdk Name=\"Contoso.Platform.Sdk\" Version=\"2.3.0\" />")]
    [InlineData("<Import Project=\"Sdk.props\" Sdk=\"Contoso.Platform.Sdk\" Version=\"2.3.0\" />")]
    public void An_SDK_whose_name_only_ends_with_a_kit_SDK_name_is_left_alone(string xml)
    {
        var text = xml.StartsWith("<Project", StringComparison.Ordinal) ? xml + "</Project>" : "<Project>" + xml + "</Project>";

        Assert.Equal(text, ProjectSdkReferences.Rewrite(text, KitVersion.Parse("9.9.9")));
    }

    [Fact]
    public void Any_project_file_keeps_its_other_values_and_parses_after_the_rewrite()
    {
        Gen.Select(AwkwardText.Any, AwkwardText.Version, AwkwardText.Version).Sample((value, from, to) =>
        {
            var escaped = System.Security.SecurityElement.Escape(value);
            var before = $"<Project Sdk=\"Microsoft.NET.Sdk;Platform.Sdk.Web/{from}\">\n  <PropertyGroup>\n    <Description Note=\"{escaped}\">{escaped}</Description>\n  </PropertyGroup>\n  <Sdk Name=\"Platform.Sdk\" Version=\"{from}\" />\n</Project>\n";

            var after = ProjectSdkReferences.Rewrite(before, KitVersion.Parse(to));

            var xml = System.Xml.Linq.XDocument.Parse(after, System.Xml.Linq.LoadOptions.PreserveWhitespace);
            Assert.Equal($"Microsoft.NET.Sdk;Platform.Sdk.Web/{to}", xml.Root!.Attribute("Sdk")!.Value);
            Assert.Equal(to, xml.Root.Element("Sdk")!.Attribute("Version")!.Value);
            var description = xml.Root.Element("PropertyGroup")!.Element("Description")!;
            Assert.Equal(System.Xml.Linq.XDocument.Parse(before, System.Xml.Linq.LoadOptions.PreserveWhitespace).Root!.Element("PropertyGroup")!.Element("Description")!.Value, description.Value);
        }, iter: 300);
    }
}
