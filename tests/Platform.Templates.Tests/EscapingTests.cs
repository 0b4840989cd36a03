using System.Text.Json;
using System.Xml.Linq;

namespace Platform.Templates.Tests;

/// <summary>
/// Whatever a user types into a name or option, the generated JSON and XML files parse and hold exactly that value
/// (every symbol is written through the templates' jsonEncode/xmlEncode forms), and the file-name form of a name is
/// the one project references use.
/// </summary>
public sealed class EscapingTests
{
    /// <summary>Values that break hand-written JSON or XML: quotes, backslashes (a Windows path), ampersands, angle brackets, unicode, MSBuild's own characters.</summary>
    public static TheoryData<string> Awkward => new()
    {
        @"C:\feeds\platform",
        "https://pkgs.example.com/nuget?feed=platform&version=3",
        "1.0.0\"",
        "tëst <feed> 'ü' \\\\server\\share",
        "日本-😀;$(Foo)@(Bar)%41",
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public async Task Repo_files_parse_and_round_trip_any_feed_version_and_name(string value)
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("escaping-repo");

        var result = await templates.NewAsync(output, ["platform-repo", "-n", "Repo " + value.Replace('\\', '_').Replace('/', '_'), "-o", output, "--feed", value, "--platform-version", value, "--namespace", value]);

        Assert.True(result.Succeeded, result.ToString());
        var nugetConfig = XDocument.Load(Path.Combine(output, "NuGet.config"));
        Assert.Equal(value, nugetConfig.Descendants("add").Single(a => (string?)a.Attribute("key") == "platform").Attribute("value")!.Value);
        var props = XDocument.Load(Path.Combine(output, "Directory.Build.props"));
        Assert.Equal(value, Unescape(props.Descendants("PlatformServiceNamespace").Single().Value));

        // The .NET CLI's own strictness (comments skipped, no trailing commas): an invalid global.json breaks every dotnet command.
        var strict = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        using var globalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "global.json")), strict);
        Assert.All(globalJson.RootElement.GetProperty("msbuild-sdks").EnumerateObject(), pin => Assert.Equal(value, pin.Value.GetString()));
        using var stamp = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ".platform", "template.json")), strict);
        var options = stamp.RootElement.GetProperty("options");
        Assert.Equal(value, options.GetProperty("feed").GetString());
        Assert.Equal(value, options.GetProperty("platform-version").GetString());
        Assert.Equal(value, options.GetProperty("namespace").GetString());
    }

    [Theory]
    [InlineData("platform-api", "orders-api")]
    [InlineData("platform-worker", "My Worker")]
    [InlineData("platform-lib", "1Lib")]
    [InlineData("platform-lib", "R&D \"Tools\"")]
    public async Task A_name_that_is_not_a_CSharp_identifier_gives_a_test_project_that_references_the_real_project_file(string template, string name)
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("escaping-name");

        var result = await templates.NewAsync(output, [template, "-n", name, "-o", output]);

        Assert.True(result.Succeeded, result.ToString());
        var testProject = Path.Combine(output, "tests", name + ".Tests", name + ".Tests.csproj");
        var reference = XDocument.Load(testProject).Descendants("ProjectReference").Single().Attribute("Include")!.Value;
        var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testProject)!, Unescape(reference).Replace('\\', Path.DirectorySeparatorChar)));
        Assert.True(File.Exists(referenced), $"{reference} does not exist; the project is {Path.Combine(output, "src", name, name + ".csproj")}");
        foreach (var stamp in Directory.EnumerateFiles(output, "template.json", SearchOption.AllDirectories))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(stamp), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            Assert.Equal(name, json.RootElement.GetProperty("options").GetProperty("name").GetString());
        }
    }

    /// <summary>MSBuild's %XX escapes, as MSBuild reads an item or property.</summary>
    private static string Unescape(string value) => Uri.UnescapeDataString(value);
}
