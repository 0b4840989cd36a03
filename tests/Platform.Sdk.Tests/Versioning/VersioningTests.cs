namespace Platform.Sdk.Tests.Versioning;

/// <summary>Platform.Versioning.props/.targets: CI sets the version in one place; the commit comes along.</summary>
public class VersioningTests
{
    [Fact]
    public async Task PlatformVersion_sets_the_version()
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var project = repo.Evaluate(globalProperties: new Dictionary<string, string> { ["PlatformVersion"] = "3.1.4" });

        Assert.Equal("3.1.4", project.Property("Version"));
    }

    [Fact]
    public async Task An_explicit_Version_wins_over_PlatformVersion()
    {
        var repo = await ConsumerProject.Create().WithProperty("Version", "9.9.9").WriteAsync();

        var project = repo.Evaluate(globalProperties: new Dictionary<string, string> { ["PlatformVersion"] = "3.1.4" });

        Assert.Equal("9.9.9", project.Property("Version"));
    }

    [Theory]
    [InlineData("GITHUB_SHA")]
    [InlineData("BUILD_SOURCEVERSION")]
    [InlineData("CI_COMMIT_SHA")]
    public async Task The_commit_comes_from_the_CI_system_when_it_names_one(string variable)
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var project = repo.Evaluate(globalProperties: new Dictionary<string, string> { [variable] = "0123456789abcdef" });

        Assert.Equal("0123456789abcdef", project.Property("PlatformSourceRevision"));
        Assert.Equal("0123456789abcdef", project.Property("SourceRevisionId"));
    }
}
