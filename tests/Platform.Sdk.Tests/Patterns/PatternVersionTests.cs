namespace Platform.Sdk.Tests.Patterns;

/// <summary>Platform.Patterns.props/.targets: the pattern packages get the kit's version under central package management.</summary>
public class PatternVersionTests
{
    private const string CentralPackages = """
        <Project>
          <PropertyGroup>
            <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
          </PropertyGroup>
        </Project>
        """;

    [Fact]
    public async Task With_central_package_management_each_pattern_package_has_the_kit_version()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WithRepoFile("Directory.Packages.props", CentralPackages).WriteAsync();

        var project = repo.Evaluate();

        var versions = project.ItemsOf("PackageVersion").Where(p => p.Include.StartsWith("Platform.Patterns.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Platform.Patterns.PostgreSql", "Platform.Patterns.Redis", "Platform.Patterns.RabbitMQ"], versions.Select(v => v.Include));
        Assert.All(versions, v => Assert.Equal(project.Property("PlatformSdkVersion"), v.Get("Version")));
    }

    [Fact]
    public async Task A_version_the_repo_pins_itself_wins_and_is_not_declared_twice()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web")
            .WithRepoFile("Directory.Packages.props", CentralPackages.Replace("</Project>", """
                  <ItemGroup>
                    <PackageVersion Include="Platform.Patterns.Redis" Version="9.9.9" />
                  </ItemGroup>
                </Project>
                """, StringComparison.Ordinal))
            .WriteAsync();

        var redis = repo.Evaluate().ItemsOf("PackageVersion").Where(p => p.Include == "Platform.Patterns.Redis").ToList();

        Assert.Equal("9.9.9", Assert.Single(redis).Get("Version"));
    }

    [Fact]
    public async Task Without_central_package_management_no_PackageVersion_is_added()
    {
        var repo = await ConsumerProject.Create().WithSdk("Platform.Sdk.Web").WriteAsync();

        Assert.DoesNotContain(repo.Evaluate().ItemsOf("PackageVersion"), p => p.Include.StartsWith("Platform.Patterns.", StringComparison.Ordinal));
    }
}
