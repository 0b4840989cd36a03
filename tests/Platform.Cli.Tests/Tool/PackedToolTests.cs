using Platform.Cli.Tests.Audit;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Tool;

/// <summary>The packed Platform.Cli package installs as a dotnet tool and runs as `platform`.</summary>
public sealed class PackedToolTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    [Fact]
    public async Task Installed_tool_audits_a_repo_and_gates_on_min_level()
    {
        var toolPath = Path.Combine(RepoPaths.TempRoot, "tools", "platform-" + Guid.NewGuid().ToString("N")[..8]);
        var install = await ProcessRunner.RunAsync(
            "dotnet",
            ["tool", "install", "--tool-path", toolPath, "--add-source", fixture.Feed.Directory, "Platform.Cli", "--version", fixture.Feed.KitVersion],
            RepoPaths.TempRoot,
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(install.Succeeded, install.ToString());
        var platform = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "platform.exe" : "platform");

        var json = await ProcessRunner.RunAsync(platform, ["audit", fixture.Root, "--format", "json"], fixture.Root);
        Assert.True(json.Succeeded, json.ToString());
        using var report = System.Text.Json.JsonDocument.Parse(json.StandardOutput);
        Assert.Equal(5, report.RootElement.GetProperty("summary").GetProperty("projects").GetInt32());
        // The tool reports its informational version (not compared with the feed's: test runs packing other kit
        // versions at the same time share the repo's bin/obj, so the packed assembly's own version may be theirs).
        Assert.Equal("platform", report.RootElement.GetProperty("tool").GetProperty("name").GetString());
        Assert.StartsWith("1.0.0", report.RootElement.GetProperty("tool").GetProperty("version").GetString(), StringComparison.Ordinal);

        var gate = await ProcessRunner.RunAsync(platform, ["audit", fixture.Root, "--min-level", "silver"], fixture.Root);
        Assert.Equal(1, gate.ExitCode);
        Assert.DoesNotContain("   at ", gate.Output, StringComparison.Ordinal);

        var doctor = await ProcessRunner.RunAsync(platform, ["doctor", fixture.Root], fixture.Root);
        Assert.True(doctor.Succeeded, doctor.ToString());
        Assert.Contains("[ok] analyzers:", doctor.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[ok] resolve:", doctor.StandardOutput, StringComparison.Ordinal);

        // The fleet commands from the installed package: its SQLite native library and the embedded page resources.
        var audit = Path.Combine(toolPath, "audit.json");
        await File.WriteAllTextAsync(audit, json.StandardOutput);
        var database = Path.Combine(toolPath, "fleet.db");
        var ingest = await ProcessRunner.RunAsync(platform, ["fleet", "ingest", audit, "--database", database], toolPath);
        Assert.True(ingest.Succeeded, ingest.ToString());
        var page = await ProcessRunner.RunAsync(platform, ["fleet", "report", "--database", database, "--output", Path.Combine(toolPath, "fleet.html")], toolPath);
        Assert.True(page.Succeeded, page.ToString());
        Assert.Contains("echarts", await File.ReadAllTextAsync(Path.Combine(toolPath, "fleet.html")), StringComparison.Ordinal);
    }
}
