using System.IO.Compression;
using Xunit.Abstractions;

namespace Platform.Sdk.Tests.SupplyChain;

/// <summary>
/// Same commit, same bytes: one commit checked out in two different folders and built there in CI mode, as two CI agents
/// would, gives byte-identical publish output (SBOM included) and byte-identical packages, for a service on the packed
/// kit and for the kit's own packages.
/// </summary>
public sealed class ReproducibilityTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Ci = new() { ["CI"] = "true" };

    [Fact]
    public async Task A_service_published_and_packed_from_two_checkouts_of_one_commit_is_byte_identical()
    {
        var origin = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
            .WithProperty("Version", "1.4.2-rc.1")
            .WithProperty("IsPackable", "true")
            .WithFile("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.AddPlatformDefaults();
                var app = builder.Build();
                app.MapPlatformEndpoints();
                app.Run();
                """)
            .WriteAsync();
        // CI restores in locked mode: commit the lock file first, as a real repository does.
        var restore = await origin.RestoreAsync();
        Assert.True(restore.Succeeded, restore.ToString());
        await Git(origin.Root, "add", "-A");
        await Git(origin.Root, "-c", "user.email=tests@example.com", "-c", "user.name=tests", "commit", "-q", "-m", "lock file");

        var outputs = new List<string>();
        foreach (var name in new[] { "agent-a", "agent-b/nested/deeper" })
        {
            var checkout = await CloneAsync(origin.Root, name);
            var project = Path.Combine(checkout, Path.GetRelativePath(origin.Root, origin.ProjectPath));
            var result = Path.Combine(checkout, "out");
            var publish = await Dotnet(checkout, "publish", project, "-nodeReuse:false", "-p:RunAnalyzers=false", "-o", Path.Combine(result, "publish"));
            Assert.True(publish.Succeeded, publish.ToString());
            var pack = await Dotnet(checkout, "pack", project, "-nodeReuse:false", "-p:RunAnalyzers=false", "-o", Path.Combine(result, "packages"));
            Assert.True(pack.Succeeded, pack.ToString());
            outputs.Add(result);
        }

        var files = AssertIdenticalTrees(outputs[0], outputs[1]);
        Assert.Contains("publish/sbom.cdx.json", files);
        Assert.Contains("publish/OrderApi.dll", files);
        Assert.Contains("packages/OrderApi.1.4.2-rc.1.nupkg", files);
        AssertEntriesCarryTheCommitTime(Path.Combine(outputs[0], "packages", "OrderApi.1.4.2-rc.1.nupkg"), outputs[0]);
    }

    [Fact]
    public async Task The_kits_own_packages_packed_from_two_checkouts_of_one_commit_are_byte_identical()
    {
        var outputs = new List<string>();
        foreach (var name in new[] { "kit-a", "kit-b/nested" })
        {
            var checkout = await CloneAsync(RepoPaths.Root, name);
            var result = Path.Combine(checkout, "out");
            foreach (var project in new[] { "sdk/Platform.Sdk/Platform.Sdk.csproj", "sdk/Platform.ServiceDefaults/Platform.ServiceDefaults.csproj" })
            {
                var pack = await Dotnet(checkout, "pack", project, "-c", "Release", "-nodeReuse:false", "-p:Version=1.0.0-repro", "-o", result);
                Assert.True(pack.Succeeded, pack.ToString());
            }

            outputs.Add(result);
        }

        var files = AssertIdenticalTrees(outputs[0], outputs[1]);
        Assert.Equal(["Platform.Sdk.1.0.0-repro.nupkg", "Platform.ServiceDefaults.1.0.0-repro.nupkg"], files.Where(f => f.EndsWith(".nupkg", StringComparison.Ordinal)).Order());
    }

    /// <summary>Every file under <paramref name="a"/> exists under <paramref name="b"/> with the same bytes, and no more.</summary>
    private List<string> AssertIdenticalTrees(string a, string b)
    {
        static List<string> List(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var files = List(a);
        Assert.Equal(files, List(b));
        var different = files.Where(f => !File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f)))).ToList();
        Assert.True(different.Count == 0, "differ between the two checkouts: " + string.Join(", ", different));
        output.WriteLine($"{files.Count} identical files: {string.Join(", ", files)}");
        return files;
    }

    private static void AssertEntriesCarryTheCommitTime(string package, string checkoutOutput)
    {
        using var zip = ZipFile.OpenRead(package);
        var times = zip.Entries.Select(e => e.LastWriteTime).Distinct().ToList();
        var entryTime = Assert.Single(times);
        Assert.True(DateTimeOffset.UtcNow - entryTime > TimeSpan.Zero, $"{package}: entries should carry the commit's time, not the clock's ({entryTime}); {checkoutOutput}");
    }

    private static async Task<string> CloneAsync(string source, string name)
    {
        var target = Path.Combine(RepoPaths.TempRoot, "repro-" + Guid.NewGuid().ToString("N")[..8], name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await Git(RepoPaths.TempRoot, "clone", "-q", source, target);
        // A CI checkout has a hosted remote (SourceLink describes it); a clone of a local folder would point at that folder.
        var remote = await Git(source, "remote", "get-url", "origin");
        await Git(target, "remote", "set-url", "origin", remote.Succeeded && remote.StandardOutput.Trim().StartsWith("https://", StringComparison.Ordinal)
            ? remote.StandardOutput.Trim()
            : "https://github.com/platform/platform-sdk.git");
        return target;
    }

    private static async Task<CommandResult> Git(string directory, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, directory);
        if (!result.Succeeded && arguments[0] != "remote")
        {
            throw new InvalidOperationException(result.ToString());
        }

        return result;
    }

    private static Task<CommandResult> Dotnet(string directory, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", arguments, directory, Ci, TimeSpan.FromMinutes(8));
}
