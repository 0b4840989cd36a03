using System.Text;

namespace Platform.Sdk.Testing;

/// <summary>
/// Builder for a throwaway consumer repo outside the kit's repo: a git repository with a global.json pinning the kit
/// (msbuild-sdks), a NuGet.config (cleared, then the kit's temp feed and nuget.org) and one project.
/// Reads as the scenario: <c>ConsumerProject.Create("Api").WithSdk("Platform.Sdk.Web").WithFile("Program.cs", code)</c>.
/// </summary>
public sealed class ConsumerProject
{
    private readonly string _name;
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _projectFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _repoFiles = new(StringComparer.Ordinal);
    private readonly StringBuilder _extraXml = new();
    private string _sdk = "Platform.Sdk";
    private string? _projectXml;
    private bool _pinInGlobalJson = true;

    private ConsumerProject(string name) => _name = name;

    public static ConsumerProject Create(string name = "Probe") => new(name);

    public ConsumerProject WithSdk(string sdk)
    {
        _sdk = sdk;
        return this;
    }

    public ConsumerProject WithProperty(string name, string value)
    {
        _properties[name] = value;
        return this;
    }

    /// <summary>Raw XML inside &lt;Project&gt;, after the properties.</summary>
    public ConsumerProject WithXml(string xml)
    {
        _extraXml.AppendLine(xml);
        return this;
    }

    /// <summary>Replaces the whole project file; <c>{version}</c> becomes the packed kit version.</summary>
    public ConsumerProject WithProjectXml(string xml)
    {
        _projectXml = xml;
        return this;
    }

    /// <summary>A file next to the project file.</summary>
    public ConsumerProject WithFile(string relativePath, string content)
    {
        _projectFiles[relativePath] = content;
        return this;
    }

    /// <summary>A file at the repo root, such as Directory.Build.props or .editorconfig.</summary>
    public ConsumerProject WithRepoFile(string relativePath, string content)
    {
        _repoFiles[relativePath] = content;
        return this;
    }

    public ConsumerProject WithoutGlobalJsonPin()
    {
        _pinInGlobalJson = false;
        return this;
    }

    public async Task<ConsumerRepo> WriteAsync()
    {
        var kit = await KitFeed.GetAsync();
        var root = Path.Combine(RepoPaths.TempRoot, "repos", _name + "-" + Guid.NewGuid().ToString("N")[..8]);
        var projectDirectory = Path.Combine(root, "src", _name);
        Directory.CreateDirectory(projectDirectory);

        await File.WriteAllTextAsync(Path.Combine(root, "global.json"), GlobalJson(kit.Version));
        await File.WriteAllTextAsync(Path.Combine(root, "NuGet.config"), NuGetConfig(kit.Directory));
        await File.WriteAllTextAsync(Path.Combine(root, ".gitignore"), "bin/\nobj/\n");
        foreach (var (path, content) in _repoFiles)
        {
            await WriteFileAsync(root, path, content, kit.Version);
        }

        var projectPath = Path.Combine(projectDirectory, _name + ".csproj");
        await File.WriteAllTextAsync(projectPath, ProjectXml(kit.Version));
        var files = _projectFiles.Count > 0 ? _projectFiles : DefaultSources();
        foreach (var (path, content) in files)
        {
            await WriteFileAsync(projectDirectory, path, content, kit.Version);
        }

        // SourceLink needs a repository with a remote, as every real CI checkout has.
        await Git(root, "init", "-q", "-b", "main");
        await Git(root, "remote", "add", "origin", "https://github.com/contoso/" + _name.ToLowerInvariant() + ".git");
        await Git(root, "add", "-A");
        await Git(root, "-c", "user.email=tests@example.com", "-c", "user.name=tests", "commit", "-q", "-m", "initial");
        var head = await Git(root, "rev-parse", "HEAD");

        return new ConsumerRepo(root, projectPath, kit.Version, head.StandardOutput.Trim());
    }

    private static async Task WriteFileAsync(string directory, string relativePath, string content, string version)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content.Replace("{version}", version, StringComparison.Ordinal));
    }

    private static async Task<CommandResult> Git(string root, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, root);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.ToString());
        }

        return result;
    }

    private string GlobalJson(string version)
    {
        var sdks = _pinInGlobalJson
            ? $$"""
              ,
                "msbuild-sdks": {
                  "Platform.Sdk": "{{version}}",
                  "Platform.Sdk.Web": "{{version}}",
                  "Platform.Sdk.Test": "{{version}}"
                }
              """
            : string.Empty;
        return $$"""
            {
              "sdk": { "version": "10.0.100", "rollForward": "latestMajor" }{{sdks}}
            }
            """;
    }

    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="platform-kit" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """;

    private string ProjectXml(string version)
    {
        if (_projectXml is not null)
        {
            return _projectXml.Replace("{version}", version, StringComparison.Ordinal);
        }

        var xml = new StringBuilder();
        xml.AppendLine($"<Project Sdk=\"{_sdk}\">");
        if (_properties.Count > 0)
        {
            xml.AppendLine("  <PropertyGroup>");
            foreach (var (name, value) in _properties)
            {
                xml.AppendLine($"    <{name}>{value}</{name}>");
            }

            xml.AppendLine("  </PropertyGroup>");
        }

        xml.Append(_extraXml);
        xml.AppendLine("</Project>");
        return xml.ToString();
    }

    private Dictionary<string, string> DefaultSources()
    {
        var isWeb = _sdk.StartsWith("Platform.Sdk.Web", StringComparison.Ordinal) || (_projectXml?.Contains("Sdk.Web", StringComparison.Ordinal) ?? false);
        var isTest = _sdk.StartsWith("Platform.Sdk.Test", StringComparison.Ordinal);
        if (isWeb)
        {
            return new() { ["Program.cs"] = SampleCode.MinimalWebApp };
        }

        return isTest
            ? new() { ["ProbeTests.cs"] = SampleCode.PassingTest }
            : new() { ["Greeter.cs"] = SampleCode.Library };
    }
}
