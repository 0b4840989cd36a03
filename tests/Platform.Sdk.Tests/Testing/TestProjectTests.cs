namespace Platform.Sdk.Tests.Testing;

/// <summary>Platform.Testing.props/.targets: Platform.Sdk.Test brings the organisation's test stack.</summary>
public class TestProjectTests
{
    [Fact]
    public async Task Test_SDK_adds_the_test_stack_implicitly()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Test").WriteAsync();

        var project = repo.Evaluate();

        Assert.Equal("true", project.Property("IsTestProject"));
        Assert.Equal("false", project.Property("IsPackable"));
        Assert.Equal("test", project.Property("PlatformProjectKind"));
        foreach (var package in new[] { "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio" })
        {
            var reference = Assert.Single(project.ItemsOf("PackageReference"), r => r.Include == package);
            Assert.Equal("true", reference.Get("IsImplicitlyDefined"));
        }
    }

    [Fact]
    public async Task Test_stack_versions_come_from_overridable_properties()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Test").WithProperty("PlatformXunitVersion", "2.9.2").WriteAsync();

        var xunit = Assert.Single(repo.Evaluate().ItemsOf("PackageReference"), r => r.Include == "xunit");
        Assert.Equal("2.9.2", xunit.Get("Version"));
    }

    [Fact]
    public async Task Test_stack_can_be_opted_out()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Test").WithProperty("PlatformTestPackages", "false").WriteAsync();

        Assert.DoesNotContain(repo.Evaluate().ItemsOf("PackageReference"), r => r.Include == "xunit");
    }

    [Fact]
    public async Task Non_test_projects_get_no_test_packages()
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        Assert.DoesNotContain(repo.Evaluate().ItemsOf("PackageReference"), r => r.Include == "xunit");
    }

    [Fact]
    public async Task A_test_project_on_the_test_SDK_runs_its_tests()
    {
        var repo = await ConsumerProject.Create("ProbeTests").WithSdk("Platform.Sdk.Test").WriteAsync();

        var result = await repo.DotNetAsync(["test", repo.ProjectPath, "-nodeReuse:false"]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+1", result.Output);
    }
}
