using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Platform.Cli.Infrastructure;
using Platform.Cli.Upgrade;

namespace Platform.Cli.Doctor;

/// <summary>One check of <c>platform doctor</c>: what was found and, when it is not fine, what to do.</summary>
public sealed record DoctorCheck(string Name, string Status, string Message, string? Fix = null);

/// <summary>The checks of <c>platform doctor</c> on one repo: global.json, pin, .NET SDK, feed, SDK resolution, analyzers. Every failure says what to do.</summary>
public static partial class SetupChecks
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Fail = "fail";

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(RepoLayout layout, string? feed, bool build, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var (globalJson, brokenLinks) = FindGlobalJson(layout.Root, layout.Projects.Count > 0 ? Path.GetDirectoryName(layout.Projects[0])! : layout.Root);
        var used = UsedSdks(layout);
        var pins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // 0. global.json is readable, and as strict JSON as the .NET CLI wants (it fails every command with a stack trace otherwise).
        foreach (var link in brokenLinks)
        {
            checks.Add(new DoctorCheck("global.json", Fail, $"{Shown(layout, link.Path)} is a symbolic link to {link.Target}, which {(link.Loop ? "loops back on itself" : "does not exist")}; the .NET CLI ignores it.",
                "Point the link at the shared global.json, or replace it with a real file."));
        }

        if (globalJson is not null)
        {
            var shown = Shown(layout, globalJson);
            if (!GlobalJson.TryLoad(globalJson, out var document, out var problem))
            {
                checks.Add(new DoctorCheck("global.json", Fail, $"{shown}: {problem}. Every `dotnet` command in the repo fails on it.", $"Fix {shown} (a JSON object with \"sdk\" and \"msbuild-sdks\")."));
            }
            else if (document!.CliProblem is { } strict)
            {
                checks.Add(new DoctorCheck("global.json", Fail, $"{shown} is not JSON the .NET CLI accepts ({strict}); every `dotnet` command in the repo fails with a stack trace.",
                    $"Fix {shown} at that position (a trailing comma is the usual cause: the .NET CLI allows comments but no trailing commas)."));
            }
            else
            {
                checks.Add(new DoctorCheck("global.json", Ok, $"{shown} is valid for the .NET CLI."));
            }

            if (document is not null)
            {
                pins = document.KitPins.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            }
        }

        // 1. The pin.
        if (globalJson is null)
        {
            checks.Add(new DoctorCheck("pin", used.Unpinned.Count > 0 ? Fail : Warn, "No global.json found at or above the repo.",
                "Add global.json at the repo root with \"msbuild-sdks\": { \"Platform.Sdk\": \"<version>\", \"Platform.Sdk.Web\": \"<version>\", \"Platform.Sdk.Test\": \"<version>\" }."));
        }
        else if (pins.Count == 0)
        {
            checks.Add(new DoctorCheck("pin", used.Unpinned.Count > 0 ? Fail : Warn, $"{Path.GetRelativePath(layout.Root, globalJson)} has no Platform.Sdk* entry under \"msbuild-sdks\".",
                "Add \"msbuild-sdks\": { \"Platform.Sdk\": \"<version>\", \"Platform.Sdk.Web\": \"<version>\", \"Platform.Sdk.Test\": \"<version>\" } to global.json (one version for all three)."));
        }
        else
        {
            var missing = used.Unpinned.Where(s => !pins.ContainsKey(s)).ToList();
            var notVersions = pins.Where(p => !KitVersion.TryParse(p.Value, out _, out _)).ToList();
            if (notVersions.Count > 0)
            {
                checks.Add(new DoctorCheck("pin", Fail, $"global.json pins {string.Join(", ", notVersions.Select(p => $"{p.Key} at '{p.Value}'"))}, which is not a version (MSBuild cannot resolve the SDK; words such as 'latest' are not supported).",
                    "Write one NuGet version for all three SDKs in global.json, e.g. \"Platform.Sdk\": \"1.4.0\"."));
            }
            else if (missing.Count > 0)
            {
                checks.Add(new DoctorCheck("pin", Fail, $"global.json pins {string.Join(", ", pins.Keys)} but the projects also use {string.Join(", ", missing)} without a version.",
                    $"Add {string.Join(", ", missing.Select(m => $"\"{m}\": \"{pins.Values.First()}\""))} to \"msbuild-sdks\" in global.json."));
            }
            else if (pins.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            {
                checks.Add(new DoctorCheck("pin", Warn, $"global.json pins different versions: {string.Join(", ", pins.Select(p => p.Key + " " + p.Value))}.",
                    $"The kit ships as one version: run `platform upgrade --to {pins.Values.OrderBy(v => v, Comparer<string>.Create(KitVersions.Compare)).Last()}`."));
            }
            else
            {
                checks.Add(new DoctorCheck("pin", Ok, $"global.json pins {string.Join(", ", pins.Keys)} at {pins.Values.First()}."));
            }
        }

        // 2. The .NET SDK (already registered by the caller).
        checks.Add(new DoctorCheck("dotnet", Ok, $".NET SDK {MSBuildHost.SdkVersion} ({MSBuildHost.SdkDirectory}) is the one global.json selects."));

        // 3. The feed.
        var snapshot = await FeedClient.ReadAsync(layout.Root, feed, [FeedClient.SdkPackageId], TimeSpan.FromSeconds(20), cancellationToken);
        var versions = snapshot.VersionsOf(FeedClient.SdkPackageId);
        if (snapshot.Sources.Count == 0)
        {
            checks.Add(new DoctorCheck("feed", Fail, "No package source may serve Platform.Sdk: " + (snapshot.Errors.FirstOrDefault() ?? "NuGet.config has none (or packageSourceMapping maps Platform.* to none)."),
                "Add the feed that carries the kit to NuGet.config and map it: <packageSource key=\"platform\"><package pattern=\"Platform.*\" /></packageSource>."));
        }
        else if (!snapshot.Reachable)
        {
            checks.Add(new DoctorCheck("feed", Fail, string.Join(" ", snapshot.Errors), "Check the URL/folder in NuGet.config, your network and credentials (`dotnet nuget list source`)."));
        }
        else if (versions.Count == 0)
        {
            checks.Add(new DoctorCheck("feed", Fail, $"The feed ({string.Join(", ", snapshot.Sources)}) has no Platform.Sdk package.", "Point NuGet.config at the feed the platform team publishes the kit to."));
        }
        else
        {
            var newest = KitVersions.Newest(versions, includePrerelease: false)!;
            var pinned = pins.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var absent = pinned.Where(p => !versions.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
            if (absent.Count > 0)
            {
                checks.Add(new DoctorCheck("feed", Fail, $"The pinned version {string.Join(", ", absent)} is not in the feed (it has {versions.Count} version(s), newest {newest}).",
                    $"Run `platform upgrade --to {newest}`, or add the feed that carries {absent[0]}."));
            }
            else
            {
                var behind = pinned.Any(p => KitVersions.Compare(p, newest) < 0);
                checks.Add(new DoctorCheck("feed", behind ? Warn : Ok, $"The feed is reachable ({string.Join(", ", snapshot.Sources)}); newest Platform.Sdk is {newest}.",
                    behind ? $"A newer kit is out: `platform upgrade --to {newest}`." : null));
            }
        }

        // 4. The SDK resolves: evaluate one project on the kit.
        var probe = used.Projects.FirstOrDefault() ?? layout.Projects.FirstOrDefault();
        EvaluatedProject? evaluated = null;
        if (probe is null)
        {
            checks.Add(new DoctorCheck("resolve", Warn, "No project to evaluate.", "Run doctor in a repo with a project on the Platform SDK."));
        }
        else
        {
            using var evaluator = ProjectEvaluatorFactory.Create();
            var outcome = evaluator.Evaluate(probe);
            var relative = layout.Relative(probe);
            if (outcome.Project is null)
            {
                var sdkMissing = outcome.Error?.Contains("MSB4236", StringComparison.Ordinal) == true;
                checks.Add(new DoctorCheck("resolve", Fail, $"{relative} does not evaluate: {outcome.Error?.Split('\n')[0]}",
                    sdkMissing
                        ? "MSB4236: MSBuild found no version of the SDK. Add the msbuild-sdks pin to global.json (or Sdk=\"Platform.Sdk.Web/<version>\"), and check the feed in NuGet.config carries that version."
                        : "Fix the error the message names (run `dotnet msbuild -preprocess` on the project for the full picture)."));
            }
            else if (!string.Equals(outcome.Project.Property("UsingPlatformSdk"), "true", StringComparison.OrdinalIgnoreCase))
            {
                checks.Add(new DoctorCheck("resolve", Warn, $"{relative} evaluates but does not use the Platform SDK.", "Use <Project Sdk=\"Platform.Sdk.Web\"> (or Platform.Sdk / Platform.Sdk.Test)."));
                evaluated = outcome.Project;
            }
            else
            {
                evaluated = outcome.Project;
                checks.Add(new DoctorCheck("resolve", Ok, $"{relative} resolves Platform SDK {outcome.Project.Property("PlatformSdkVersion")} (kind {outcome.Project.Property("PlatformProjectKind") ?? "?"})."));
            }
        }

        // 5. The analyzers load.
        if (evaluated is not null && string.Equals(evaluated.Property("UsingPlatformSdk"), "true", StringComparison.OrdinalIgnoreCase))
        {
            checks.Add(CheckAnalyzers(evaluated));
            if (build && probe is not null)
            {
                checks.Add(await BuildProbeAsync(probe, layout, cancellationToken));
            }
        }

        return checks;
    }

    /// <summary>The analyzers' Microsoft.CodeAnalysis reference must not be newer than the compiler's (else CS9057, nothing runs).</summary>
    internal static DoctorCheck CheckAnalyzers(EvaluatedProject project)
    {
        if (string.Equals(project.Property("PlatformAnalyzers"), "false", StringComparison.OrdinalIgnoreCase))
        {
            return new DoctorCheck("analyzers", Warn, "PlatformAnalyzers=false: the golden-path analyzers are off.", "Remove PlatformAnalyzers=false, or register an `Analyzers` deviation.");
        }

        var analyzer = project.Analyzers.FirstOrDefault(a => Path.GetFileName(a).Equals("Platform.Analyzers.dll", StringComparison.OrdinalIgnoreCase));
        if (analyzer is null || !File.Exists(analyzer))
        {
            return new DoctorCheck("analyzers", Fail, "The project has no Platform.Analyzers.dll analyzer (or the file is missing).", "Restore again (`dotnet restore`); if it persists, the SDK package is damaged: clear it with `dotnet nuget locals all --clear`.");
        }

        var compiler = MSBuildHost.SdkDirectory is null ? null : Path.Combine(MSBuildHost.SdkDirectory, "Roslyn", "bincore", "Microsoft.CodeAnalysis.dll");
        var needed = ReferencedVersion(analyzer, "Microsoft.CodeAnalysis");
        var available = compiler is not null && File.Exists(compiler) ? System.Reflection.AssemblyName.GetAssemblyName(compiler).Version : null;
        if (needed is null || available is null)
        {
            return new DoctorCheck("analyzers", Warn, $"Could not compare the analyzers' Roslyn reference ({needed?.ToString() ?? "?"}) with the compiler ({available?.ToString() ?? "?"}).", "Run `platform doctor --build` to build one project and look for CS9057/AD0001.");
        }

        return needed <= available
            ? new DoctorCheck("analyzers", Ok, $"Platform.Analyzers needs Microsoft.CodeAnalysis {needed}; the compiler has {available}.")
            : new DoctorCheck("analyzers", Fail, $"Platform.Analyzers needs Microsoft.CodeAnalysis {needed}, but the .NET SDK's compiler is {available}: the analyzers will not load (CS9057).", "Install a newer .NET SDK (and update global.json's sdk.version), or pin an older Platform SDK.");
    }

    private static Version? ReferencedVersion(string assembly, string name)
    {
        try
        {
            using var stream = File.OpenRead(assembly);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
                .Where(r => reader.GetString(r.Name) == name).Select(r => r.Version).FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<DoctorCheck> BuildProbeAsync(string project, RepoLayout layout, CancellationToken cancellationToken)
    {
        var result = await ProcessRunnerLite.RunAsync("dotnet", ["build", project, "-nologo", "-nodeReuse:false", "-clp:NoSummary"], layout.Root, TimeSpan.FromMinutes(10), cancellationToken);
        var codes = AnalyzerLoadProblem().Matches(result.Output).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (codes.Count > 0)
        {
            return new DoctorCheck("build", Fail, $"Building {layout.Relative(project)} reports {string.Join(", ", codes)}: an analyzer did not load or crashed.",
                "CS9057/CS8032: the .NET SDK's compiler is older than the analyzers need: install a newer SDK. AD0001: an analyzer threw; report it to the platform team with the build log.");
        }

        return result.ExitCode == 0
            ? new DoctorCheck("build", Ok, $"{layout.Relative(project)} builds; the analyzers loaded.")
            : new DoctorCheck("build", Warn, $"{layout.Relative(project)} does not build (exit {result.ExitCode}), but no analyzer-load error was reported.", "Run `dotnet build` and fix the errors it lists.");
    }

    /// <summary>The global.json the .NET CLI uses (the nearest real file at or above the project), and the broken links it skips on the way.</summary>
    private static (string? File, List<(string Path, string Target, bool Loop)> BrokenLinks) FindGlobalJson(string root, string start)
    {
        var broken = new List<(string Path, string Target, bool Loop)>();
        foreach (var dir in Ancestors(start).Append(root))
        {
            var file = Path.Combine(dir, "global.json");
            if (RepoLinks.IsLink(file) && RepoLinks.Resolve(file) is { Exists: false } resolved)
            {
                // File.Exists is true for a dangling link (it falls back to the link itself); the .NET CLI skips it.
                if (broken.All(b => b.Path != file))
                {
                    broken.Add((file, resolved.Path, resolved.Loop));
                }

                continue;
            }

            if (File.Exists(file))
            {
                return (file, broken);
            }
        }

        return (null, broken);
    }

    private static IEnumerable<string> Ancestors(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    private static string Shown(RepoLayout layout, string path) =>
        RepoLinks.IsInside(Path.GetFullPath(path), layout.Root) ? layout.Relative(path) : path;

    private static (List<string> Projects, List<string> Unpinned) UsedSdks(RepoLayout layout)
    {
        var projects = new List<string>();
        var unpinned = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var project in layout.Projects)
        {
            string text;
            try
            {
                text = File.ReadAllText(project);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // The resolve check names a project it cannot read.
            }

            var matches = SdkReference().Matches(text);
            if (matches.Count > 0)
            {
                projects.Add(project);
            }

            foreach (Match m in matches)
            {
                if (!m.Groups["version"].Success && KitSdks.IsKitSdk(m.Groups["name"].Value))
                {
                    unpinned.Add(m.Groups["name"].Value);
                }
            }
        }

        return (projects, unpinned.ToList());
    }

    [GeneratedRegex("""(?:\bSdk\s*=\s*"(?:[^"]*;)?\s*|<Sdk\s+Name\s*=\s*")(?<name>Platform\.Sdk(?:\.[A-Za-z0-9_]+)*)(?:/(?<version>[^";\s]+))?""")]
    private static partial Regex SdkReference();

    [GeneratedRegex(@"\b(CS9057|CS8032|AD0001)\b")]
    private static partial Regex AnalyzerLoadProblem();
}
