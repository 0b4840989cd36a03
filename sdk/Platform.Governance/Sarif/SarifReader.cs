using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Governance;

/// <summary>
/// Reads the results of the SARIF 2.1 log the compiler writes (ErrorLog=…,version=2.1). Tolerant: a missing field is
/// left empty; a missing or unreadable file is a problem (warning), never an exception.
/// </summary>
public static partial class SarifReader
{
    /// <summary>Reads the log; returns null (and adds a problem) when there is nothing trustworthy to read.</summary>
    public static IReadOnlyList<SarifResult>? Read(string? path, string? projectFile, List<GovernanceProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            problems.Add(new GovernanceProblem(GovernanceCodes.SarifMissing,
                $"The compiler's SARIF log '{path}' was not found, so the compliance record cannot list diagnostics and the level is at most bronze. Keep ErrorLog=$(PlatformSarifFile),version=2.1 (the SDK's default) and do not clear PlatformSarifFile.",
                IsError: false, projectFile));
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return Parse(document.RootElement, path, projectFile, problems);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add(new GovernanceProblem(GovernanceCodes.SarifUnreadable,
                $"The compiler's SARIF log '{path}' could not be read ({ex.GetType().Name}: {FirstLine(ex.Message)}). Rebuild the project; if it persists, check that nothing else writes to PlatformSarifFile.",
                IsError: false, projectFile));
            return null;
        }
    }

    private static IReadOnlyList<SarifResult>? Parse(JsonElement root, string path, string? projectFile, List<GovernanceProblem> problems)
    {
        var version = String(root, "version");
        if (root.ValueKind != JsonValueKind.Object || version is null || !version.StartsWith("2.1", StringComparison.Ordinal))
        {
            problems.Add(new GovernanceProblem(GovernanceCodes.SarifUnreadable,
                $"The compiler's SARIF log '{path}' is version '{version ?? "unknown"}', not SARIF 2.1. Set ErrorLog=$(PlatformSarifFile),version=2.1 (the SDK's default).",
                IsError: false, projectFile));
            return null;
        }

        var results = new List<SarifResult>();
        foreach (var run in Array(root, "runs"))
        {
            foreach (var result in Array(run, "results"))
            {
                var ruleId = String(result, "ruleId");
                if (string.IsNullOrEmpty(ruleId))
                {
                    continue;
                }

                var (uri, line, column) = FirstLocation(result);
                results.Add(new SarifResult(
                    ruleId,
                    String(result, "level") ?? "warning",
                    result.TryGetProperty("message", out var message) ? String(message, "text") ?? string.Empty : string.Empty,
                    uri,
                    line,
                    column,
                    ReadSuppression(result)));
            }
        }

        return results;
    }

    private static (string? Uri, int? Line, int? Column) FirstLocation(JsonElement result)
    {
        foreach (var location in Array(result, "locations"))
        {
            if (!location.TryGetProperty("physicalLocation", out var physical) || physical.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var uri = physical.TryGetProperty("artifactLocation", out var artifact) ? String(artifact, "uri") : null;
            int? line = null, column = null;
            if (physical.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.Object)
            {
                line = Int(region, "startLine");
                column = Int(region, "startColumn");
            }

            return (uri, line, column);
        }

        return (null, null, null);
    }

    /// <summary>
    /// A result is suppressed when it carries a suppression that was not rejected. Roslyn puts a DiagnosticSuppressor's
    /// justification inside properties.suppressionType ("DiagnosticSuppressor { Suppression Id: …, Suppression
    /// Justification: … }"); the SARIF justification field is used when a producer fills it.
    /// </summary>
    private static SarifSuppression? ReadSuppression(JsonElement result)
    {
        foreach (var suppression in Array(result, "suppressions"))
        {
            if (String(suppression, "status") is "rejected" or "underReview")
            {
                continue;
            }

            var justification = String(suppression, "justification");
            if (string.IsNullOrWhiteSpace(justification)
                && suppression.TryGetProperty("properties", out var properties)
                && String(properties, "suppressionType") is { } type)
            {
                var match = SuppressorJustification().Match(type);
                justification = match.Success ? match.Groups[1].Value.Trim() : type;
            }

            return new SarifSuppression(String(suppression, "kind") ?? "inSource", string.IsNullOrWhiteSpace(justification) ? null : justification);
        }

        return null;
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"Suppression Justification:\s*(.*?)\s*\}\s*$", RegexOptions.Singleline)]
    private static partial Regex SuppressorJustification();
}
