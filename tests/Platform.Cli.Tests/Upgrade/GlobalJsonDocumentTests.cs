using System.Text.Json;
using CsCheck;
using Platform.Cli.Infrastructure;
using Platform.Cli.Upgrade;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>global.json is read with a JSON reader and edited in place: comments, spacing and trailing commas stay the user's.</summary>
public sealed class GlobalJsonDocumentTests
{
    private static readonly JsonDocumentOptions DotnetCli = new() { CommentHandling = JsonCommentHandling.Skip };

    [Fact]
    public void A_closing_brace_in_a_comment_inside_msbuild_sdks_does_not_stop_the_upgrade_part_way()
    {
        const string before = "{\n  \"msbuild-sdks\": {\n    // { \"Platform.Sdk.Test\": \"0.1.0\" } was the old pin }\n    \"Platform.Sdk\": \"1.0.0\", /* } */\n    \"Platform.Sdk.Web\": \"1.0.0\",\n    \"Platform.Sdk.Test\": \"1.0.0\"\n  }\n}\n";

        var after = GlobalJsonDocument.Parse(before).WithKitPinsAt(KitVersion.Parse("2.0.0"));

        Assert.Equal(before.Replace("\"1.0.0\"", "\"2.0.0\"", StringComparison.Ordinal), after);
        Assert.All(GlobalJsonDocument.Parse(after).KitPins.Values, v => Assert.Equal("2.0.0", v));
    }

    [Fact]
    public void Trailing_commas_comments_and_unusual_spacing_are_upgraded_and_kept()
    {
        const string before = "{\r\n\t\"sdk\":{\"version\":\"10.0.100\",},  // the .NET SDK\r\n\t\"msbuild-sdks\"   :\r\n\t{\r\n\t\t\"Platform.Sdk\"\t:\t\"1.0.0\" ,\r\n\t\t/* web */ \"Platform.Sdk.Web\":\"1.0.0-rc.1\",\r\n\t},\r\n}";

        var after = GlobalJsonDocument.Parse(before).WithKitPinsAt(KitVersion.Parse("1.2.0"));

        Assert.Equal(before.Replace("\"1.0.0\"", "\"1.2.0\"", StringComparison.Ordinal).Replace("\"1.0.0-rc.1\"", "\"1.2.0\"", StringComparison.Ordinal), after);
    }

    [Fact]
    public void Dotnet_CLI_strictness_flags_a_trailing_comma_that_the_lenient_reader_accepts()
    {
        var document = GlobalJsonDocument.Parse("{\n  \"msbuild-sdks\": {\n    \"Platform.Sdk\": \"1.0.0\",\n  }\n}\n");

        Assert.Equal("1.0.0", document.KitPins["Platform.Sdk"]);
        Assert.Contains("line 4", document.CliProblem, StringComparison.Ordinal);
        Assert.Contains("trailing comma", document.CliProblem, StringComparison.Ordinal);
        Assert.Null(GlobalJsonDocument.Parse("{ /* ok */ \"msbuild-sdks\": { \"Platform.Sdk\": \"1.0.0\" } }").CliProblem);
    }

    [Fact]
    public void A_missing_pin_is_added_after_the_others_with_their_indentation()
    {
        const string before = "{\r\n    \"msbuild-sdks\": {\r\n        \"Platform.Sdk\": \"1.0.0\" // kit\r\n    }\r\n}\r\n";

        var after = GlobalJsonDocument.Parse(before).WithPin("Platform.Sdk.Web", KitVersion.Parse("1.0.0"));

        Assert.Equal("{\r\n    \"msbuild-sdks\": {\r\n        \"Platform.Sdk\": \"1.0.0\",\r\n        \"Platform.Sdk.Web\": \"1.0.0\" // kit\r\n    }\r\n}\r\n", after);
    }

    [Fact]
    public void A_file_without_msbuild_sdks_gets_the_section()
    {
        var after = GlobalJsonDocument.Parse("{\n  \"sdk\": { \"version\": \"10.0.100\" }\n}\n").WithPin("Platform.Sdk", KitVersion.Parse("1.0.0"));

        using var json = JsonDocument.Parse(after, DotnetCli);
        Assert.Equal("1.0.0", json.RootElement.GetProperty("msbuild-sdks").GetProperty("Platform.Sdk").GetString());
        Assert.Equal("10.0.100", json.RootElement.GetProperty("sdk").GetProperty("version").GetString());
    }

    [Fact]
    public void Text_that_is_not_JSON_is_refused_with_its_position() =>
        Assert.Contains("line 2", Assert.Throws<FormatException>(() => GlobalJsonDocument.Parse("{\n  \"msbuild-sdks\": { \"Platform.Sdk\": \"1.0.0\r\" }\n}")).Message, StringComparison.Ordinal);

    [Fact]
    public void Any_pin_name_and_version_written_parses_with_dotnet_strictness_and_reads_back()
    {
        Gen.Select(AwkwardText.Any, AwkwardText.Version, AwkwardText.Any, Gen.Bool).Sample((name, version, comment, crlf) =>
        {
            var newline = crlf ? "\r\n" : "\n";
            var commentText = comment.Replace("*/", "* /", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
            var before = "{" + newline + "  /* " + commentText + " */" + newline + "  \"msbuild-sdks\": {" + newline + "    \"Platform.Sdk\": \"0.9.0\"" + newline + "  }" + newline + "}" + newline;
            var pinName = "X" + name; // never one of the kit's own names, so it is added, not replaced

            var after = GlobalJsonDocument.Parse(before).WithPin(pinName, KitVersion.Parse(version));
            var upgraded = GlobalJsonDocument.Parse(after).WithKitPinsAt(KitVersion.Parse(version));

            using var json = JsonDocument.Parse(upgraded, DotnetCli);
            var sdks = json.RootElement.GetProperty("msbuild-sdks");
            Assert.Equal(version, sdks.GetProperty(pinName).GetString());
            Assert.Equal(version, sdks.GetProperty("Platform.Sdk").GetString());
            Assert.Contains(commentText, upgraded, StringComparison.Ordinal);
        }, iter: 300);
    }
}
