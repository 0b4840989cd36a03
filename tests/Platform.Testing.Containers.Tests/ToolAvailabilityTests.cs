namespace Platform.Testing.Containers.Tests;

public sealed class ToolAvailabilityTests(ITestOutputHelper output)
{
    [Fact]
    public void Reports_each_tool_and_a_reason_exactly_when_something_is_missing()
    {
        var tools = ToolAvailability.Current;
        output.WriteLine(tools.ToString());
        output.WriteLine($"registry: {tools.RegistrySkipReason ?? "ok"}; build: {tools.BuildSkipReason ?? "ok"}; run: {tools.RunSkipReason ?? "ok"}");

        Assert.Equal(tools.Registry is null || tools.DisabledBy is not null, tools.RegistrySkipReason is not null);
        if (tools.Registry is null && tools.DisabledBy is null)
        {
            Assert.Contains("install-tools.sh", tools.RegistrySkipReason);
        }

        // Reasons nest: what can't run a registry can't build, what can't build can't run.
        if (tools.RegistrySkipReason is not null)
        {
            Assert.NotNull(tools.BuildSkipReason);
        }

        if (tools.BuildSkipReason is not null)
        {
            Assert.NotNull(tools.RunSkipReason);
        }

        if (tools.Podman is null)
        {
            Assert.Contains("podman", tools.RunSkipReason);
        }
    }

    [Fact]
    public void Find_searches_path_and_sbin()
    {
        Assert.NotNull(ToolAvailability.Find("sh"));
        Assert.Null(ToolAvailability.Find("definitely-not-a-tool-" + Guid.NewGuid().ToString("N")));
    }
}
