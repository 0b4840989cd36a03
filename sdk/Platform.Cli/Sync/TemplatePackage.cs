using System.IO.Compression;
using System.Text.Json;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Sync;

/// <summary>
/// One version of Platform.Templates, downloaded from the repo's feed and installed into a template hive of its own
/// (<c>--debug:custom-hive</c>), so the machine's templates are never read or changed and two versions can render side
/// by side. <see cref="RenderAsync"/> writes one template instance into a fresh folder.
/// </summary>
public sealed class TemplatePackage
{
    private static readonly TimeSpan DotnetNewTimeout = TimeSpan.FromMinutes(3);
    private readonly string _hive;
    private readonly string _workDirectory;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TemplateParameter>> _parameters;
    private int _renders;

    private TemplatePackage(string version, string hive, string workDirectory, IReadOnlyDictionary<string, IReadOnlyList<TemplateParameter>> parameters)
    {
        Version = version;
        _hive = hive;
        _workDirectory = workDirectory;
        _parameters = parameters;
    }

    public string Version { get; }

    /// <summary>The template's command-line parameters in this version, or null when the package has no such template.</summary>
    public IReadOnlyList<TemplateParameter>? ParametersOf(string templateId) => _parameters.TryGetValue(templateId, out var p) ? p : null;

    /// <summary>Downloads and installs the version under <paramref name="workDirectory"/> (a temp folder the caller deletes).</summary>
    public static async Task<TemplatePackage> InstallAsync(string repoRoot, string? feed, string version, string workDirectory, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workDirectory, "v" + version);
        Directory.CreateDirectory(folder);
        var nupkg = await FeedClient.DownloadAsync(repoRoot, feed, FeedClient.TemplatesPackageId, version, folder, TimeSpan.FromSeconds(60), cancellationToken);
        IReadOnlyDictionary<string, IReadOnlyList<TemplateParameter>> parameters;
        try
        {
            parameters = ReadParameters(nupkg);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException)
        {
            throw new CliException(ExitCodes.TemplateUnavailable, $"PLAT0475: {FeedClient.TemplatesPackageId} {version} from the feed is not a readable template package ({ex.Message}). Ask the platform team to republish it; nothing was changed.");
        }

        var hive = Path.Combine(folder, "hive");
        var install = await ProcessRunnerLite.RunAsync("dotnet", ["new", "install", nupkg, "--debug:custom-hive", hive], folder, DotnetNewTimeout, cancellationToken);
        if (install.ExitCode != 0)
        {
            throw new CliException(ExitCodes.TemplateUnavailable, $"PLAT0475: `dotnet new install` of {FeedClient.TemplatesPackageId} {version} failed (exit {install.ExitCode}):\n{install.Output.Trim()}\nNothing was changed.");
        }

        return new TemplatePackage(version, hive, folder, parameters);
    }

    /// <summary>Renders <paramref name="templateId"/> with the arguments into a new folder and returns it.</summary>
    public async Task<string> RenderAsync(string templateId, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        // A project template's addToSolution post action looks for a solution at or above its output folder: the empty
        // guard.sln next to it is the one it finds (and fails to read), so no solution elsewhere on the disk is touched.
        var guard = Path.Combine(_workDirectory, "render-" + Interlocked.Increment(ref _renders));
        var output = Path.Combine(guard, "out");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(guard, "guard.sln"), string.Empty, cancellationToken);
        var result = await ProcessRunnerLite.RunAsync(
            "dotnet", ["new", templateId, "-o", output, .. arguments, "--no-update-check", "--debug:custom-hive", _hive], guard, DotnetNewTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new CliException(ExitCodes.TemplateUnavailable, $"PLAT0475: rendering {templateId} {Version} failed: `dotnet new {templateId} {string.Join(' ', arguments)}` exited {result.ExitCode}:\n{result.Output.Trim()}\nNothing was changed.");
        }

        return output;
    }

    /// <summary>Each template's parameters, from its .template.config (template.json, dotnetcli.host.json for the long names).</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<TemplateParameter>> ReadParameters(string nupkg)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var zip = ZipFile.OpenRead(nupkg);
        var result = new Dictionary<string, IReadOnlyList<TemplateParameter>>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith("/.template.config/template.json", StringComparison.Ordinal)))
        {
            using var template = JsonDocument.Parse(Read(entry), options);
            var host = zip.GetEntry(entry.FullName[..^"template.json".Length] + "dotnetcli.host.json");
            using var hostJson = host is null ? null : JsonDocument.Parse(Read(host), options);
            if (!template.RootElement.TryGetProperty("shortName", out var shortName) || shortName.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var parameters = new List<TemplateParameter>();
            if (template.RootElement.TryGetProperty("symbols", out var symbols) && symbols.ValueKind == JsonValueKind.Object)
            {
                foreach (var symbol in symbols.EnumerateObject())
                {
                    if (Text(symbol.Value, "type") != "parameter")
                    {
                        continue;
                    }

                    var longName = hostJson is not null && hostJson.RootElement.TryGetProperty("symbolInfo", out var info) && info.TryGetProperty(symbol.Name, out var symbolInfo)
                        ? Text(symbolInfo, "longName") : null;
                    parameters.Add(new TemplateParameter(longName is { Length: > 0 } ? longName : symbol.Name, Text(symbol.Value, "datatype") ?? "text", Text(symbol.Value, "defaultValue")));
                }
            }

            result[shortName.GetString()!] = parameters;
        }

        return result;
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
