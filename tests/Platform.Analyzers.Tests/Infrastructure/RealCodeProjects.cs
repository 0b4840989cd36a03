using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Platform.Analyzers.Tests.Infrastructure;

/// <summary>A folder of C# files analysed as one project, with the kind and output the SDK would give it.</summary>
public sealed record RealCodeProject(string Directory, string Kind, OutputKind Output);

/// <summary>
/// Runs the PLAT analyzers over real code without restoring it: every project folder becomes one compilation of its .cs
/// files against the framework targeting packs, the implicit global usings the SDK adds for its kind and the extra
/// sources given (the Platform.ServiceDefaults surface, package API shapes). Unresolved packages stay unresolved (the analyzers must cope, and report only what binds).
/// Used by RealCodeRegressionTests (the vendored excerpts, with a manifest) and bench/realcode.sh (any fetched repo,
/// projects discovered from their .csproj files).
/// </summary>
public static class RealCodeProjects
{
    private static readonly string[] CommonUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    };

    private static readonly string[] HostUsings =
    {
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    };

    private static readonly string[] WebUsings =
    {
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
    };

    /// <summary>Lines "folder kind exe|lib" (# comments allowed), folders relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<RealCodeProject> ReadManifest(string root, string manifest) =>
        File.ReadAllLines(manifest)
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => new RealCodeProject(Path.Combine(root, parts[0]), parts[1], parts[2] == "exe" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary))
            .ToList();

    /// <summary>
    /// Every .csproj under <paramref name="root"/>, with the kind Platform.Sdk would infer from it (Web SDK → web, Worker
    /// SDK or an Exe referencing the host → worker, IsAspireHost/Aspire.AppHost.Sdk → apphost, UseMaui/UseWPF/
    /// UseWindowsForms → client, test packages → test, other Exe → console, else library).
    /// </summary>
    public static IReadOnlyList<RealCodeProject> Discover(string root)
    {
        var projects = new List<RealCodeProject>();
        foreach (var file in Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            bool Has(string pattern) => Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase);
            var exe = Has(@"<OutputType>\s*(Win)?Exe\s*</OutputType>") || Has(@"Sdk=""Microsoft\.NET\.Sdk\.(Web|Worker)""");
            var kind =
                Has(@"<IsTestProject>\s*true") || Has(@"Sdk=""MSTest\.Sdk") || Has(@"Include=""(xunit[^""]*|NUnit|MSTest[^""]*|TUnit|Microsoft\.NET\.Test\.Sdk)""") ? "test" :
                Has(@"Aspire\.AppHost\.Sdk|<IsAspireHost>\s*true") ? "apphost" :
                Has(@"<Use(Maui|WPF|WindowsForms)>\s*true") ? "client" :
                Has(@"Sdk=""Microsoft\.NET\.Sdk\.Web""") ? "web" :
                Has(@"Sdk=""Microsoft\.NET\.Sdk\.Worker""") ? "worker" :
                exe ? "console" : "library";
            projects.Add(new RealCodeProject(Path.GetDirectoryName(file)!, kind, exe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
        }

        return projects;
    }

    /// <summary>Findings ("path(line,col): ID message", relative to <paramref name="root"/>), sorted, and analyzer exceptions.</summary>
    public static async Task<(IReadOnlyList<string> Findings, IReadOnlyList<string> Crashes)> AnalyzeAsync(
        string root, IEnumerable<RealCodeProject> projects, Assembly analyzerAssembly, IReadOnlyList<string> extraSources,
        IReadOnlyList<MetadataReference>? extraReferences = null)
    {
        var analyzers = SourceAnalysis.AnalyzersIn(analyzerAssembly);
        var findings = new List<string>();
        var crashes = new List<string>();
        var all = projects.ToList();
        foreach (var project in all)
        {
            var nested = all.Where(p => p.Directory != project.Directory && p.Directory.StartsWith(project.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
            var files = Directory.EnumerateFiles(project.Directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                .Where(f => !nested.Any(n => f.StartsWith(n.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                continue;
            }

            var trees = files.Select(f => SourceAnalysis.Parse(File.ReadAllText(f), f)).ToList();
            trees.Add(SourceAnalysis.Parse(ImplicitUsings(project.Kind), Path.Combine(project.Directory, "obj", "GlobalUsings.g.cs")));
            trees.AddRange(extraSources.Select((text, i) => SourceAnalysis.Parse(text, Path.Combine(project.Directory, "obj", $"Extra{i}.g.cs"))));
            var compilation = SourceAnalysis.Compile(Path.GetFileName(project.Directory), trees, project.Output, extraReferences);
            var options = new Dictionary<string, string>
            {
                ["build_property.PlatformProjectKind"] = project.Kind,
                ["build_property.IsTestProject"] = project.Kind == "test" ? "true" : "false",
            };
            var (diagnostics, exceptions) = await SourceAnalysis.RunAsync(compilation, analyzers, options);
            findings.AddRange(diagnostics.Where(d => d.Location.IsInSource).Select(d => SourceAnalysis.Format(d, root)));
            crashes.AddRange(exceptions.Select(e => $"{project.Directory}: {e.GetType().Name}: {e.Message}"));
            crashes.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        }

        findings.Sort(StringComparer.Ordinal);
        return (findings, crashes);
    }

    /// <summary>What ImplicitUsings=enable adds for the kind's SDK, plus the SDK's Platform.ServiceDefaults using.</summary>
    private static string ImplicitUsings(string kind)
    {
        var usings = CommonUsings.AsEnumerable();
        if (kind is "web" or "worker" or "apphost")
        {
            usings = usings.Concat(HostUsings).Append("Platform.ServiceDefaults");
        }

        if (kind == "web")
        {
            usings = usings.Concat(WebUsings);
        }

        return string.Concat(usings.Select(u => $"global using global::{u};\n"));
    }
}
