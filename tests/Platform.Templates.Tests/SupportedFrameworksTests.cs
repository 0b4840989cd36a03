using System.Text.Json;
using System.Xml.Linq;

namespace Platform.Templates.Tests;

/// <summary>
/// The templates offer the frameworks the kit supports: their --framework choices are in the SDK's end-of-support table
/// (sdk/Sdk/build/Platform.Frameworks.props) and still in support, and the default is the SDK's default framework.
/// </summary>
public sealed class SupportedFrameworksTests
{
    private static readonly string BuildDirectory = Path.Combine(RepoPaths.Root, "sdk", "Sdk", "build");

    [Theory]
    [InlineData("platform-api")]
    [InlineData("platform-worker")]
    [InlineData("platform-lib")]
    public void Framework_choices_are_the_frameworks_in_support(string template)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var inSupport = SupportTable().Where(e => string.CompareOrdinal(e.EndOfSupport, today) > 0).Select(e => e.Framework).ToHashSet();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "Platform.Templates", "content", template, ".template.config", "template.json")));
        var framework = json.RootElement.GetProperty("symbols").GetProperty("Framework");

        var choices = framework.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("choice").GetString()!).ToList();

        Assert.NotEmpty(choices);
        Assert.All(choices, c => Assert.Contains(c, inSupport));
        Assert.Equal(DefaultTargetFramework(), framework.GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void The_table_knows_the_default_framework_and_every_date_is_ISO()
    {
        var table = SupportTable();

        Assert.Contains(table, e => e.Framework == DefaultTargetFramework());
        Assert.All(table, e => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", e.EndOfSupport));
        Assert.All(table, e => Assert.True(string.CompareOrdinal(e.ErrorFrom, e.EndOfSupport) >= 0, $"{e.Framework}: ErrorFrom before EndOfSupport"));
    }

    private sealed record SupportEntry(string Framework, string EndOfSupport, string ErrorFrom);

    private static List<SupportEntry> SupportTable() =>
        XDocument.Load(Path.Combine(BuildDirectory, "Platform.Frameworks.props")).Descendants("PlatformFrameworkSupport")
            .Select(e => new SupportEntry((string)e.Attribute("Include")!, (string)e.Attribute("EndOfSupport")!, (string)e.Attribute("ErrorFrom")!))
            .ToList();

    private static string DefaultTargetFramework() =>
        XDocument.Load(Path.Combine(BuildDirectory, "Platform.Build.props")).Descendants("PlatformDefaultTargetFramework").Single().Value;
}
