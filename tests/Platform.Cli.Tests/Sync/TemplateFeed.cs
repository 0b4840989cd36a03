using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Cli.Tests.Sync;

/// <summary>
/// A feed with two versions of Platform.Templates only: A, the kit's own pack (<see cref="KitFeed"/>), and B, packed from
/// a copy of templates/ changed as <see cref="Changes"/> says, under a version that sorts after A (1.0.0-u… after 1.0.0-t…).
/// Cached per kit version and set of changes, like the kit feed.
/// </summary>
public sealed class TemplateFeed
{
    /// <summary>Text replacements B makes in the template sources: (file under content/, old text, new text).</summary>
    public static readonly (string File, string Old, string New)[] Changes =
    [
        ("platform-repo/.editorconfig", "dotnet_diagnostic.IDE0005.severity = warning\n", "dotnet_diagnostic.IDE0005.severity = warning\ndotnet_diagnostic.CA1849.severity = warning\n"),
        ("platform-repo/.github/workflows/ci.yml", "        run: dotnet restore\n", "        run: dotnet restore --locked-mode\n"),
        ("platform-api/src/PlatformApi1/Program.cs", "builder.Services.AddSingleton(TimeProvider.System);", "builder.Services.AddSingleton<TimeProvider>(TimeProvider.System);"),
    ];

    /// <summary>A file B adds, one it removes, and the option it adds to platform-api.</summary>
    public const string AddedFile = "platform-repo/.github/pull_request_template.md";
    public const string RemovedFile = "platform-api/src/PlatformApi1/appsettings.Development.json";
    public const string AddedOption = "health-path";

    private static readonly Lazy<Task<TemplateFeed>> Shared = new(CreateAsync);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private TemplateFeed(string directory, string versionA, string versionB)
    {
        Directory = directory;
        VersionA = versionA;
        VersionB = versionB;
    }

    public string Directory { get; }

    public string VersionA { get; }

    public string VersionB { get; }

    public string PackageA => Path.Combine(Directory, $"Platform.Templates.{VersionA}.nupkg");

    public static Task<TemplateFeed> GetAsync() => Shared.Value;

    private static async Task<TemplateFeed> CreateAsync()
    {
        var kit = await KitFeed.GetAsync();
        var versionB = "1.0.0-u" + kit.Version["1.0.0-t".Length..];
        var feed = Path.Combine(RepoPaths.TempRoot, $"sync-feed-{kit.Version}-{ChangesHash()}");
        var done = Path.Combine(feed, ".complete");
        await using var gate = await CrossProcessLock.AcquireAsync(feed + ".lock");
        if (File.Exists(done))
        {
            return new TemplateFeed(feed, kit.Version, versionB);
        }

        System.IO.Directory.CreateDirectory(feed);
        File.Copy(Path.Combine(kit.Directory, $"Platform.Templates.{kit.Version}.nupkg"), Path.Combine(feed, $"Platform.Templates.{kit.Version}.nupkg"), overwrite: true);

        // Outside the repo, so only the template project's own file applies; packing it alone takes seconds of CPU.
        var source = Path.Combine(RepoPaths.TempRoot, "sync-templates-" + Guid.NewGuid().ToString("N")[..8]);
        CopyFolder(Path.Combine(RepoPaths.Root, "templates", "Platform.Templates"), source);
        ApplyChanges(Path.Combine(source, "content"));
        var result = await ProcessRunner.RunAsync("dotnet", ["pack", "Platform.Templates.csproj", "-c", "Release", "-o", feed, "-p:Version=" + versionB, "-nodeReuse:false"], source, timeout: TimeSpan.FromMinutes(10));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Packing template version B failed.\n" + result);
        }

        System.IO.Directory.Delete(source, recursive: true);
        File.WriteAllText(done, versionB);
        return new TemplateFeed(feed, kit.Version, versionB);
    }

    private static void ApplyChanges(string content)
    {
        foreach (var (file, old, @new) in Changes)
        {
            var path = Path.Combine(content, file);
            var text = File.ReadAllText(path);
            if (!text.Contains(old, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{file} no longer contains '{old}': update TemplateFeed.Changes.");
            }

            File.WriteAllText(path, text.Replace(old, @new, StringComparison.Ordinal));
        }

        File.WriteAllText(Path.Combine(content, AddedFile), "## What and why\n\n## How it was tested\n");
        File.Delete(Path.Combine(content, RemovedFile));

        // A new parameter. The relaxed encoder writes ' and + as they are: packing refuses a backslash in template.json.
        var templateJson = Path.Combine(content, "platform-api", ".template.config", "template.json");
        var template = JsonNode.Parse(File.ReadAllText(templateJson))!;
        template["symbols"]!["HealthPath"] = new JsonObject { ["type"] = "parameter", ["datatype"] = "text", ["defaultValue"] = "/healthz", ["description"] = "New in B." };
        File.WriteAllText(templateJson, template.ToJsonString(Relaxed));
        var hostJson = Path.Combine(content, "platform-api", ".template.config", "dotnetcli.host.json");
        var host = JsonNode.Parse(File.ReadAllText(hostJson))!;
        host["symbolInfo"]!["HealthPath"] = new JsonObject { ["longName"] = AddedOption, ["shortName"] = string.Empty };
        File.WriteAllText(hostJson, host.ToJsonString(Relaxed));
    }

    private static string ChangesHash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", Changes.Select(c => c.File + c.Old + c.New)) + AddedFile + RemovedFile + AddedOption)))[..8].ToLowerInvariant();

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
