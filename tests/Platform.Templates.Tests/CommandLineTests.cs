namespace Platform.Templates.Tests;

/// <summary>What `dotnet new` answers for input it cannot use: a documented exit code and a message that says what to do.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("platform-api", "net7.0")]
    [InlineData("platform-lib", "net8.0")]
    [InlineData("platform-worker", "net9.0")]
    public async Task An_invalid_option_value_fails_with_exit_code_127_and_lists_the_valid_values(string template, string framework)
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("invalid-option");

        // net8.0 and net9.0 are past their end of support (2026-11-10): no longer offered.
        var result = await templates.NewAsync(output, template, "-n", "Bad.Part", "--framework", framework);

        Assert.Equal(127, result.ExitCode);
        Assert.Contains($"'{framework}' is not a valid value for --framework", result.Output, StringComparison.Ordinal);
        Assert.Contains("net10.0", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public async Task An_invalid_boolean_fails_with_exit_code_127()
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("invalid-bool");

        var result = await templates.NewAsync(output, "platform-worker", "-n", "Bad.Worker", "--container", "maybe");

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("'maybe' is not a valid option", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public async Task An_unknown_template_fails_with_exit_code_103_and_suggests_the_platform_templates()
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("unknown-template");

        var result = await templates.NewAsync(output, "platform-nope");

        Assert.Equal(103, result.ExitCode);
        Assert.Contains("No templates or subcommands found matching: 'platform-nope'", result.Output, StringComparison.Ordinal);
        Assert.Contains("platform-", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pack_lists_the_four_templates()
    {
        var templates = await TemplateHive.GetAsync();

        var result = await templates.ListAsync("platform");

        Assert.True(result.Succeeded, result.ToString());
        Assert.All(new[] { "platform-repo", "platform-api", "platform-worker", "platform-lib" }, t => Assert.Contains(t, result.Output, StringComparison.Ordinal));
    }
}
