using System.Security.Cryptography;

namespace Platform.Cli.Tests.Infrastructure;

/// <summary>
/// Writes a throwaway multi-project repo outside the kit's repo: global.json pinning the kit, NuGet.config mapping
/// Platform.* to the test feed, the files given ({kit} and {old} become the two kit versions), a git repo with a remote.
/// </summary>
public static class FixtureRepo
{
    /// <param name="auditSource">A NuGet V3 service index restore reads vulnerability data from (auditSources) instead of nuget.org's.</param>
    public static Task<string> WriteAsync(string name, CliFeed feed, IReadOnlyDictionary<string, string> files, bool withNuGetOrg = true, string? auditSource = null) =>
        WriteAsync(name, feed.Directory, feed.KitVersion, feed.OldVersion, files, withNuGetOrg, auditSource);

    /// <summary>The same on the kit feed alone, for tests that need no older kit version ({old} is not replaced).</summary>
    public static Task<string> WriteAsync(string name, KitFeed feed, IReadOnlyDictionary<string, string> files) =>
        WriteAsync(name, feed.Directory, feed.Version, "{old}", files, withNuGetOrg: true);

    private static async Task<string> WriteAsync(string name, string feedDirectory, string kitVersion, string oldVersion, IReadOnlyDictionary<string, string> files, bool withNuGetOrg, string? auditSource = null)
    {
        var root = Path.Combine(RepoPaths.TempRoot, "repos", "cli-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["global.json"] = $$"""
                {
                  "sdk": { "version": "10.0.100", "rollForward": "latestMajor" },
                  "msbuild-sdks": {
                    "Platform.Sdk": "{kit}",
                    "Platform.Sdk.Web": "{kit}",
                    "Platform.Sdk.Test": "{kit}"
                  }
                }
                """,
            ["NuGet.config"] = NuGetConfig(feedDirectory, withNuGetOrg, auditSource),
            [".gitignore"] = "bin/\nobj/\n*.binlog\n",
        };
        foreach (var (path, content) in files)
        {
            all[path] = content;
        }

        foreach (var (path, content) in all)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content.Replace("{kit}", kitVersion, StringComparison.Ordinal).Replace("{old}", oldVersion, StringComparison.Ordinal));
        }

        await Git(root, "init", "-q", "-b", "main");
        await Git(root, "remote", "add", "origin", "https://github.com/contoso/" + name + ".git");
        await Git(root, "add", "-A");
        await Git(root, "-c", "user.email=tests@example.com", "-c", "user.name=tests", "commit", "-q", "-m", "initial");
        return root;
    }

    /// <summary>SHA-256 of every file outside .git, bin and obj, by relative path.</summary>
    public static Dictionary<string, string> HashTree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(r => !r.Split('/').Any(p => p is ".git" or "bin" or "obj") && !r.EndsWith(".binlog", StringComparison.Ordinal))
            .ToDictionary(r => r, r => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, r)))), StringComparer.Ordinal);

    public static Task<CommandResult> BuildAsync(string root, string target) =>
        ProcessRunner.RunAsync("dotnet", ["build", target, "-nodeReuse:false", "-m:2", "-clp:NoSummary"], root, timeout: TimeSpan.FromMinutes(8));

    /// <summary>A CI-mode build (CI=true: warnings are errors, locked restore, SourceLink), as the repo's pipeline runs it.</summary>
    public static Task<CommandResult> BuildInCIAsync(string root, string target) =>
        ProcessRunner.RunAsync("dotnet", ["build", target, "-nodeReuse:false", "-m:2", "-clp:NoSummary"], root,
            new Dictionary<string, string?> { ["CI"] = "true" }, timeout: TimeSpan.FromMinutes(8));

    /// <summary>Commits everything (after a restore that writes the lock files, when a project is given).</summary>
    public static async Task CommitAsync(string root, string message, string? restoreFirst = null)
    {
        if (restoreFirst is not null)
        {
            var restore = await ProcessRunner.RunAsync("dotnet", ["restore", restoreFirst, "-nodeReuse:false"], root, timeout: TimeSpan.FromMinutes(5));
            if (!restore.Succeeded)
            {
                throw new InvalidOperationException(restore.ToString());
            }
        }

        await Git(root, "add", "-A");
        await Git(root, "-c", "user.email=tests@example.com", "-c", "user.name=tests", "commit", "-q", "--allow-empty", "-m", message);
    }

    private static string NuGetConfig(string feed, bool withNuGetOrg, string? auditSource) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="platform" value="{feed}" />
            {(withNuGetOrg ? "<add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />" : string.Empty)}
          </packageSources>
          <packageSourceMapping>
            <packageSource key="platform"><package pattern="Platform.*" /></packageSource>
            {(withNuGetOrg ? "<packageSource key=\"nuget.org\"><package pattern=\"*\" /></packageSource>" : string.Empty)}
          </packageSourceMapping>
          {(auditSource is null ? string.Empty : $"<auditSources><clear /><add key=\"advisories\" value=\"{auditSource}\" allowInsecureConnections=\"true\" /></auditSources>")}
        </configuration>
        """;

    private static async Task Git(string root, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, root);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }
}
