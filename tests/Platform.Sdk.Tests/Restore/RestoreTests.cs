namespace Platform.Sdk.Tests.Restore;

/// <summary>Platform.Restore.props: lock files everywhere, audit of the whole graph.</summary>
public class RestoreTests
{
    [Theory]
    [InlineData("RestorePackagesWithLockFile", "true")]
    [InlineData("NuGetAudit", "true")]
    [InlineData("NuGetAuditMode", "all")]
    [InlineData("NuGetAuditLevel", "low")]
    public async Task Restore_default(string property, string expected)
    {
        var repo = await ConsumerProject.Create().WriteAsync();

        Assert.Equal(expected, repo.Evaluate().Property(property));
    }

    [Fact]
    public async Task Lock_files_can_be_turned_off_and_CI_then_does_not_lock()
    {
        var repo = await ConsumerProject.Create().WithProperty("RestorePackagesWithLockFile", "false").WriteAsync();

        var project = repo.Evaluate(ci: true);

        Assert.Equal("false", project.Property("RestorePackagesWithLockFile"));
        Assert.NotEqual("true", project.Property("RestoreLockedMode"));
    }

    [Fact]
    public async Task Audit_can_be_turned_off_and_CI_then_does_not_escalate_it()
    {
        var repo = await ConsumerProject.Create().WithProperty("NuGetAudit", "false").WriteAsync();

        var project = repo.Evaluate(ci: true);

        Assert.DoesNotContain("NU1903", project.Property("WarningsAsErrors").Split(';'));
    }
}
