using System.Text.RegularExpressions;
using Platform.Baselines;
using Platform.Cli.Infrastructure;
using Platform.Governance;

namespace Platform.Cli.Baseline;

/// <summary>One finding today: the project it belongs to and its baseline key (repo-relative, fingerprinted).</summary>
internal sealed record CurrentFinding(string Project, BaselineEntry Entry, string Level);

/// <summary>What a recording build found: the findings a baseline can cover, and what it cannot.</summary>
internal sealed record RecordingResult(IReadOnlyList<CurrentFinding> Findings, IReadOnlyList<string> Uncoverable, IReadOnlyList<string> BuiltProjects);

/// <summary>
/// Builds the repo the way CI judges it but without failing on warnings and with the baseline off
/// (PlatformBaseline=false), then reads each project's SARIF log and turns every unsuppressed error or warning of a
/// rule a baseline can cover (PLAT, CA, IDE, CS) into a baseline entry keyed by rule, repo-relative file and the
/// fingerprint of its line.
/// </summary>
internal static partial class BaselineRecorder
{
    public static async Task<RecordingResult> RunAsync(RepoLayout layout, string baselineRoot, IReadOnlyList<string>? extraArguments, CancellationToken cancellationToken)
    {
        var reportDirectory = Directory.CreateTempSubdirectory("platform-baseline-").FullName;
        try
        {
            var targets = layout.BuildTargets;
            var failures = new List<string>();
            foreach (var target in targets)
            {
                var arguments = new List<string>
                {
                    "build", target, "-nodeReuse:false", "-clp:NoSummary", "-p:PlatformBaseline=false", "-p:PlatformIsCI=false",
                    "-p:TreatWarningsAsErrors=false", "-p:MSBuildTreatWarningsAsErrors=false", "-p:_PlatformBaselineReportDir=" + reportDirectory,
                };
                arguments.AddRange(extraArguments ?? []);
                var result = await ProcessRunnerLite.RunAsync("dotnet", arguments, layout.Root, TimeSpan.FromMinutes(30), cancellationToken);
                if (result.ExitCode != 0)
                {
                    failures.Add(result.Output);
                }
            }

            var findings = new List<(string Log, CurrentFinding Finding)>();
            var projects = new SortedSet<string>(StringComparer.Ordinal);
            var lines = new LineCache();
            foreach (var report in Directory.EnumerateFiles(reportDirectory, "*.txt").Order(StringComparer.Ordinal))
            {
                var pair = File.ReadAllLines(report);
                if (pair.Length < 2)
                {
                    continue;
                }

                var project = Relative(baselineRoot, pair[0]);
                projects.Add(project);
                foreach (var result in SarifReader.Read(pair[1], pair[0], []) ?? [])
                {
                    if (result.IsSuppressed || result.Level is not ("error" or "warning") || !Coverable().IsMatch(result.RuleId) ||
                        !Uri.TryCreate(result.Uri, UriKind.Absolute, out var uri) || !uri.IsFile || result.Line is not { } line)
                    {
                        continue;
                    }

                    var file = Relative(baselineRoot, uri.LocalPath);
                    if (file.StartsWith("../", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var text = lines.Line(uri.LocalPath, line);
                    var code = BaselineContract.Normalize(text);
                    findings.Add((report, new CurrentFinding(project, new BaselineEntry(result.RuleId, file, BaselineContract.Fingerprint(text), 1, code.Length > 160 ? code[..160] : code), result.Level)));
                }
            }

            // A multi-targeting project reports a finding once per framework (one log each): the count is the largest.
            var counted = findings
                .GroupBy(f => (f.Finding.Project, f.Finding.Entry.Key))
                .Select(g => g.First().Finding with { Entry = g.First().Finding.Entry with { Count = g.GroupBy(f => f.Log).Max(l => l.Count()) } })
                .ToList();

            var recorded = counted.Select(f => f.Entry.Rule).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var uncoverable = failures
                .SelectMany(o => o.Split('\n'))
                .Where(l => ErrorLine().Match(l) is { Success: true } m && !recorded.Contains(m.Groups[1].Value))
                .Select(l => l.Trim())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (failures.Count > 0 && uncoverable.Count == 0 && counted.Count == 0)
            {
                uncoverable.Add(failures[0].Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "the build failed");
            }

            return new RecordingResult(counted, uncoverable, projects.ToList());
        }
        finally
        {
            try
            {
                Directory.Delete(reportDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex(@"^(PLAT|CA|IDE)\d{4}$|^CS\d{4}$")]
    private static partial Regex Coverable();

    [GeneratedRegex(@":\s+error\s+([A-Z]+[0-9]+)\s*:")]
    private static partial Regex ErrorLine();

    /// <summary>Source lines by file, split the way the compiler counts lines.</summary>
    private sealed class LineCache
    {
        private readonly Dictionary<string, string[]> files = new(StringComparer.Ordinal);

        public string Line(string path, int oneBased)
        {
            if (!files.TryGetValue(path, out var lines))
            {
                try
                {
                    lines = Regex.Split(File.ReadAllText(path), "\r\n|\r|\n|\u2028|\u2029|\u0085");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    lines = [];
                }

                files[path] = lines;
            }

            return oneBased >= 1 && oneBased <= lines.Length ? lines[oneBased - 1] : string.Empty;
        }
    }
}
