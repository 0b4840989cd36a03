using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Platform.Baselines;

/// <summary>
/// Suppresses the findings recorded in the repo's baseline (.platform/baseline.json, docs/adopt.md), so existing debt
/// stays visible as suppressed in SARIF and the compliance record while new findings still fail CI. The build hands
/// this project's entries over as an AdditionalFile (<see cref="BaselineContract.EntriesFileName"/>), one per line:
/// <c>rule TAB full-path TAB fingerprint TAB count</c>. A finding matches an entry by rule, file and the fingerprint
/// of its line (<see cref="BaselineContract.Fingerprint"/>), never by line number; an entry with count N covers the first N
/// matching findings in source order, so a new copy of a baselined line is still reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlatformBaselineSuppressor : DiagnosticSuppressor
{
    private static readonly ImmutableDictionary<string, SuppressionDescriptor> Descriptors = CreateDescriptors();

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = Descriptors.Values.ToImmutableArray();

    /// <summary>
    /// The rules a baseline can cover: the PLAT rules, the .NET code-quality (CA) and code-style (IDE) rules and the
    /// compiler's warnings (CS). A suppressor must name each id up front; the compiler never offers errors-by-default.
    /// </summary>
    private static ImmutableDictionary<string, SuppressionDescriptor> CreateDescriptors()
    {
        var ids = new List<string>();
        ids.AddRange(Platform.Analyzers.Rules.All.Select(d => d.Id));
        ids.AddRange(Range("CA", 1000, 5999));
        ids.AddRange(Range("IDE", 0, 3999));
        ids.AddRange(Range("CS", 1, 9999));
        return ids.Distinct(StringComparer.Ordinal).ToImmutableDictionary(
            id => id,
            id => new SuppressionDescriptor(BaselineContract.SuppressionIdPrefix + id, id, BaselineContract.Justification),
            StringComparer.Ordinal);
    }

    private static IEnumerable<string> Range(string prefix, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            yield return prefix + i.ToString("D4", CultureInfo.InvariantCulture);
        }
    }

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var entries = ReadEntries(context);
        if (entries.Count == 0)
        {
            return;
        }

        // Source order, so "the first N" is stable whatever order the compiler reported in.
        var ordered = context.ReportedDiagnostics
            .Where(d => d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start);
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in ordered)
        {
            if (!entries.ContainsKey(diagnostic.Id + "\t" + NormalizePath(diagnostic.Location.SourceTree!.FilePath) + "\t") ||
                !Descriptors.TryGetValue(diagnostic.Id, out var descriptor))
            {
                continue;
            }

            var key = Key(diagnostic.Id, diagnostic.Location.SourceTree!.FilePath, LineText(diagnostic.Location, context));
            if (!entries.TryGetValue(key, out var allowed))
            {
                continue;
            }

            used.TryGetValue(key, out var count);
            if (count < allowed)
            {
                used[key] = count + 1;
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    private static string LineText(Location location, SuppressionAnalysisContext context)
    {
        var text = location.SourceTree!.GetText(context.CancellationToken);
        var line = text.Lines.GetLineFromPosition(Math.Min(location.SourceSpan.Start, text.Length));
        return text.ToString(line.Span);
    }

    private static string Key(string ruleId, string path, string lineText) =>
        ruleId + "\t" + NormalizePath(path) + "\t" + BaselineContract.Fingerprint(lineText);

    private static string NormalizePath(string path) => path.Replace('\\', '/');

    /// <summary>Entries by "rule TAB path TAB fingerprint" (count), plus "rule TAB path TAB" prefixes to skip hashing unrelated files.</summary>
    private static Dictionary<string, int> ReadEntries(SuppressionAnalysisContext context)
    {
        var entries = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in context.Options.AdditionalFiles)
        {
            if (!string.Equals(System.IO.Path.GetFileName(file.Path), BaselineContract.EntriesFileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = file.GetText(context.CancellationToken);
            if (text is null)
            {
                continue;
            }

            foreach (var line in text.Lines)
            {
                var parts = line.ToString().Split('\t');
                if (parts.Length != 4 || parts[0].StartsWith("#", StringComparison.Ordinal) ||
                    !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
                {
                    continue;
                }

                var path = NormalizePath(parts[1]);
                var key = parts[0] + "\t" + path + "\t" + parts[2];
                entries[key] = entries.TryGetValue(key, out var existing) ? existing + count : count;
                entries[parts[0] + "\t" + path + "\t"] = 0;
            }
        }

        return entries;
    }
}
