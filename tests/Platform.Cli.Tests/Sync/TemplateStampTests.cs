using Platform.Cli.Infrastructure;
using Platform.Cli.Sync;

namespace Platform.Cli.Tests.Sync;

/// <summary>Reading a stamp, and the `dotnet new` arguments that render its options with another template version.</summary>
public sealed class TemplateStampTests
{
    private const string Stamp = """
        {
          "schemaVersion": 1,
          "templateId": "platform-api",
          "templateVersion": "1.2.0",
          "options": { "name": "Orders", "framework": "net10.0", "no-tests": false, "legacy": "x" }
        }
        """;

    [Fact]
    public void A_stamp_reads_its_template_version_and_options()
    {
        var stamp = TemplateStamp.Parse(Stamp, "/r/src/Orders/.platform/template.json", "src/Orders/.platform/template.json");

        Assert.Equal("platform-api", stamp.TemplateId);
        Assert.Equal("1.2.0", stamp.TemplateVersion);
        Assert.Equal("false", stamp.Options["no-tests"]);
        Assert.Equal("Orders", stamp.Options["name"]);
    }

    [Theory]
    [InlineData("not json", "is not JSON")]
    [InlineData("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> b\n", "merge conflict markers")]
    [InlineData("""{ "templateId": "platform-api", "templateVersion": "latest", "options": { "name": "A" } }""", "templateVersion is not a version")]
    [InlineData("""{ "templateId": "Platform API", "templateVersion": "1.0.0", "options": { "name": "A" } }""", "templateId")]
    [InlineData("""{ "templateId": "platform-api", "templateVersion": "1.0.0" }""", "options is missing")]
    [InlineData("""{ "templateId": "platform-api", "templateVersion": "1.0.0", "options": {} }""", "options.name is missing")]
    [InlineData("""{ "templateId": "platform-api", "templateVersion": "1.0.0", "options": { "name": "A", "n": 3 } }""", "option 'n'")]
    [InlineData("""{ "schemaVersion": 2, "templateId": "platform-api", "templateVersion": "1.0.0", "options": { "name": "A" } }""", "schemaVersion")]
    public void A_broken_stamp_is_PLAT0471_naming_the_file_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<CliException>(() => TemplateStamp.Parse(text, "/r/.platform/template.json", ".platform/template.json"));

        Assert.Equal(10, error.ExitCode);
        Assert.StartsWith("PLAT0471: the template stamp .platform/template.json is not valid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_options_pass_as_recorded_new_ones_take_defaults_and_dropped_ones_are_left_out_with_notes()
    {
        var stamp = TemplateStamp.Parse(Stamp, "/r/x/.platform/template.json", "x/.platform/template.json");
        TemplateParameter[] parameters = [new("framework", "choice", "net10.0"), new("no-tests", "bool", "false"), new("health-path", "text", "/healthz")];

        var arguments = TemplateArguments.For(stamp, parameters, "1.3.0");

        Assert.Equal(["-n", "Orders", "--framework", "net10.0", "--no-tests", "false"], arguments.Arguments);
        Assert.Equal(
            [
                "platform-api 1.3.0 no longer has the option --legacy (it was 'x'): left out.",
                "platform-api 1.3.0 adds the option --health-path: it takes its default '/healthz'; for another value, change the files and the stamp's options by hand.",
            ],
            arguments.Notes);
    }
}
