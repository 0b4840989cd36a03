namespace Platform.Governance.Tests;

public sealed class MSBuildPathTests
{
    [Theory]
    [InlineData("obj\\")]
    [InlineData("obj/")]
    [InlineData("obj")]
    public void The_sdks_backslashed_obj_folder_resolves_under_the_project_on_every_os(string evaluated)
    {
        var project = Path.Combine(Path.GetTempPath(), "src", "Lib");

        Assert.Equal(Path.Combine(project, "obj"), MSBuildPath.Resolve(project, evaluated).TrimEnd(Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Records_of_every_configuration_and_target_framework_are_found_under_a_backslashed_obj()
    {
        var project = Directory.CreateTempSubdirectory("platform-records-").FullName;
        foreach (var (configuration, framework) in new[] { ("Debug", "net10.0"), ("Release", "net10.0"), ("Release", "net8.0") })
        {
            var folder = Directory.CreateDirectory(Path.Combine(project, "obj", "platform", configuration, framework)).FullName;
            File.WriteAllText(Path.Combine(folder, ComplianceRecordFiles.FileName), "{}");
        }

        var found = ComplianceRecordFiles.Find(project, "obj\\", complianceFile: null);

        Assert.Equal(3, found.Count);
        Assert.All(found, f => Assert.True(File.Exists(f), f));
        Directory.Delete(project, recursive: true);
    }
}
