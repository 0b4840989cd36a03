using CsCheck;
using Platform.Cli.Upgrade;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>NuGet.config is edited as XML: comments and layout stay, any source value round-trips.</summary>
public sealed class NuGetConfigDocumentTests
{
    private const string Config = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- org feeds -->\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n  </packageSources>\n</configuration>\n";

    [Fact]
    public void A_source_and_its_mapping_are_added_in_the_file_s_layout_and_comments_stay()
    {
        var after = NuGetConfigDocument.Parse(Config).WithSource("platform", @"C:\feeds\platform").WithMapping("platform", "Platform.*").ToString();

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- org feeds -->\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n    <add key=\"platform\" value=\"C:\\feeds\\platform\" />\n  </packageSources>\n  <packageSourceMapping>\n    <packageSource key=\"platform\">\n      <package pattern=\"Platform.*\" />\n    </packageSource>\n  </packageSourceMapping>\n</configuration>",
            after.TrimEnd());
    }

    [Fact]
    public void Any_source_value_written_parses_and_reads_back()
    {
        Gen.Select(AwkwardText.Any, AwkwardText.Any).Sample((key, value) =>
        {
            var sourceKey = "k" + key.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal).Replace("\u2028", "", StringComparison.Ordinal);
            var feed = value.Replace("\r", "", StringComparison.Ordinal);

            var after = NuGetConfigDocument.Parse(Config).WithSource(sourceKey, feed).WithMapping(sourceKey, "Platform.*").ToString();

            var reread = NuGetConfigDocument.Parse(after);
            Assert.Equal(feed, reread.Sources.Single(s => s.Key == sourceKey).Value);
            Assert.Equal(["Platform.*"], reread.PatternsOf(sourceKey));
            Assert.Contains("<!-- org feeds -->", after, StringComparison.Ordinal);
        }, iter: 300);
    }
}
