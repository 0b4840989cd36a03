namespace Platform.Sdk.Tests.CI;

/// <summary>Platform.CI.props/.targets: CI is detected from the usual variables and makes the build strict.</summary>
public class CiDetectionTests
{
    [Theory]
    [InlineData("CI", "true")]
    [InlineData("CI", "1")]
    [InlineData("GITHUB_ACTIONS", "true")]
    [InlineData("TF_BUILD", "True")]
    [InlineData("GITLAB_CI", "true")]
    [InlineData("TEAMCITY_VERSION", "2025.1")]
    [InlineData("JENKINS_URL", "https://jenkins.example.com/")]
    [InlineData("BUILDKITE", "true")]
    [InlineData("CIRCLECI", "true")]
    public async Task CI_is_detected_from_the_environment(string variable, string value)
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var project = repo.Evaluate(globalProperties: new Dictionary<string, string> { [variable] = value });

        Assert.Equal("true", project.Property("PlatformIsCI"));
        Assert.Equal("true", project.Property("ContinuousIntegrationBuild"));
    }

    [Fact]
    public async Task Outside_CI_nothing_is_strict()
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var project = repo.Evaluate(ci: false);

        Assert.Equal("false", project.Property("PlatformIsCI"));
        Assert.NotEqual("true", project.Property("TreatWarningsAsErrors"));
        Assert.NotEqual("true", project.Property("MSBuildTreatWarningsAsErrors"));
        Assert.NotEqual("true", project.Property("RestoreLockedMode"));
        Assert.NotEqual("true", project.Property("ContinuousIntegrationBuild"));
    }

    [Fact]
    public async Task In_CI_warnings_are_errors_restore_is_locked_and_audit_findings_fail()
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        var project = repo.Evaluate(ci: true);

        Assert.Equal("true", project.Property("TreatWarningsAsErrors"));
        Assert.Equal("true", project.Property("MSBuildTreatWarningsAsErrors"));
        Assert.Equal("true", project.Property("RestoreLockedMode"));
        Assert.Superset(new HashSet<string> { "NU1901", "NU1902", "NU1903", "NU1904" }, project.Property("WarningsAsErrors").Split(';').ToHashSet());
    }

    [Fact]
    public async Task PlatformCIStrict_false_keeps_CI_builds_lenient()
    {
        var repo = await ConsumerProject.Create().WithProperty("PlatformCIStrict", "false").WriteAsync();

        var project = repo.Evaluate(ci: true);

        Assert.Equal("true", project.Property("PlatformIsCI"));
        Assert.NotEqual("true", project.Property("TreatWarningsAsErrors"));
        Assert.NotEqual("true", project.Property("RestoreLockedMode"));
    }

    [Fact]
    public async Task Directory_Build_props_can_read_PlatformIsCI()
    {
        var repo = await ConsumerProject.Create()
            .WithRepoFile("Directory.Build.props", "<Project><PropertyGroup><SeenCI>$(PlatformIsCI)</SeenCI></PropertyGroup></Project>")
            .WriteAsync();

        Assert.Equal("true", repo.Evaluate(ci: true).Property("SeenCI"));
    }
}
