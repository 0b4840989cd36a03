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
        var commitTime = await Git(origin.Root, "log", "-1", "--format=%ct");
        AssertEntriesCarryTheCommitTime(Path.Combine(outputs[0], "packages", "OrderApi.1.4.2-rc.1.nupkg"), long.Parse(commitTime.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Platform.ServiceDefaults stands for the kit's compiled packages (the one every service ships); the SDK packages go
    /// through the same Directory.Build.props/targets, and packing them twice more would double this test's time.
    /// </summary>
    [Fact]
    public async Task The_kits_own_package_packed_from_two_checkouts_of_one_commit_is_byte_identical()
    {
        var outputs = new List<string>();
        foreach (var name in new[] { "kit-a", "kit-b/nested" })
        {
            var checkout = await CloneAsync(RepoPaths.Root, name);
            var result = Path.Combine(checkout, "out");
            var pack = await Dotnet(checkout, "pack", "sdk/Platform.ServiceDefaults/Platform.ServiceDefaults.csproj", "-c", "Release", "-nodeReuse:false", "-p:Version=1.0.0-repro", "-o", result);
            Assert.True(pack.Succeeded, pack.ToString());
            outputs.Add(result);
        }

        var files = AssertIdenticalTrees(outputs[0], outputs[1]);
        Assert.Equal(["Platform.ServiceDefaults.1.0.0-repro.nupkg"], files.Where(f => f.EndsWith(".nupkg", StringComparison.Ordinal)));
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

    /// <summary>Every entry of the package carries the commit's time (zip times have a 2-second resolution and no zone: UTC here).</summary>
    private static void AssertEntriesCarryTheCommitTime(string package, long commitEpoch)
    {
        using var zip = ZipFile.OpenRead(package);
        var entryTime = Assert.Single(zip.Entries.Select(e => e.LastWriteTime.DateTime).Distinct());
        var commitTime = DateTimeOffset.FromUnixTimeSeconds(commitEpoch).UtcDateTime;
        Assert.True(Math.Abs((entryTime - commitTime).TotalSeconds) <= 2, $"{package}: entries carry {entryTime:O}, the commit was at {commitTime:O}");
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
