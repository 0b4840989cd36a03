// Usage: RealCodeRunner <Platform.Analyzers.dll> <Platform.ServiceDefaults.dll> <repo-dir> [extra-source.cs...]
// Analyses every .csproj under <repo-dir> (kind inferred as Platform.Sdk would) with the given analyzer assembly and
// prints the findings ("path(line,col): ID message"), then a count per rule and per kind, and any analyzer crash.
// Extra sources (package API shapes a restore would bring) are added to every project.
using System.Reflection;
using Microsoft.CodeAnalysis;
using Platform.Analyzers.Tests.Infrastructure;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: RealCodeRunner <Platform.Analyzers.dll> <Platform.ServiceDefaults.dll> <repo-dir> [extra-source.cs...]");
    return 2;
}

var analyzers = Assembly.LoadFrom(Path.GetFullPath(args[0]));
var root = Path.GetFullPath(args[2]);
var projects = RealCodeProjects.Discover(root);
var started = System.Diagnostics.Stopwatch.StartNew();
var (findings, crashes) = await RealCodeProjects.AnalyzeAsync(root, projects, analyzers, args.Skip(3).Select(File.ReadAllText).ToArray(),
    new[] { MetadataReference.CreateFromFile(Path.GetFullPath(args[1])) });

foreach (var finding in findings)
{
    Console.WriteLine(finding);
}

Console.WriteLine();
Console.WriteLine($"{projects.Count} projects ({string.Join(", ", projects.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))}), " +
                  $"{findings.Count} findings, {crashes.Count} analyzer crashes, {started.Elapsed.TotalSeconds:F1} s");
foreach (var group in findings.GroupBy(f => f.Split(": ")[1].Split(' ')[0]).OrderBy(g => g.Key))
{
    Console.WriteLine($"  {group.Key}: {group.Count()}");
}

foreach (var crash in crashes)
{
    Console.WriteLine("CRASH " + crash);
}

return crashes.Count == 0 ? 0 : 1;
