namespace Platform.Sdk.Tests.CI;

/// <summary>End to end: what a developer and a CI agent see when they build the same code.</summary>
public class CiStrictnessBuildTests
{
    private const string CodeWithWarning = """
        namespace Probe;

        /// <summary>Has an unused variable (CS0219).</summary>
        public static class Sloppy
        {
            /// <summary>Returns one.</summary>
            public static int One()
            {
                int unused = 0;
                return 1;
            }
        }
        """;

    [Fact]
    public async Task A_compiler_warning_fails_the_build_only_in_CI()
    {
        var repo = await ConsumerProject.Create().WithFile("Sloppy.cs", CodeWithWarning).WriteAsync();

        var local = await repo.BuildAsync(ci: false);
        var ci = await repo.BuildAsync(ci: true);

        Assert.True(local.Succeeded, local.ToString());
        Assert.Contains("CS0219", local.WarningCodes);
        Assert.False(ci.Succeeded, ci.ToString());
        Assert.Contains("CS0219", ci.ErrorCodes);
    }

    [Fact]
    public async Task Restore_is_locked_in_CI_and_a_changed_package_graph_fails_it()
    {
        var repo = await ConsumerProject.Create().WriteAsync();
        var first = await repo.RestoreAsync(ci: false);
        Assert.True(first.Succeeded, first.ToString());
        Assert.True(File.Exists(Path.Combine(repo.ProjectDirectory, "packages.lock.json")), "the lock file is written on every restore");

        // Someone adds a package but does not commit the updated lock file.
        var projectXml = File.ReadAllText(repo.ProjectPath).Replace(
            "</Project>", "<ItemGroup><PackageReference Include=\"Microsoft.Extensions.Logging.Abstractions\" Version=\"10.0.0\" /></ItemGroup></Project>");
        File.WriteAllText(repo.ProjectPath, projectXml);

        var ci = await repo.RestoreAsync(ci: true);

        Assert.False(ci.Succeeded, ci.ToString());
        Assert.Contains("NU1004", ci.ErrorCodes);
    }
}
