using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Sdk.Tasks.Governance;

/// <summary>
/// Builds the compliance record (schema in docs/compliance-record.md) and its level from evaluated input.
/// Deterministic: no timestamps, stable ordering, so an unchanged build writes byte-identical JSON.
/// </summary>
internal sealed class ComplianceRecord
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private ComplianceRecord(ComplianceLevel level, IReadOnlyList<string> reasons, JsonObject json, IReadOnlyList<SarifResult> findings)
    {
        Level = level;
        Reasons = reasons;
        Json = json;
        Findings = findings;
    }

    public ComplianceLevel Level { get; }

    public IReadOnlyList<string> Reasons { get; }

    public JsonObject Json { get; }

    /// <summary>Unsuppressed results of the governed rules (any level).</summary>
    public IReadOnlyList<SarifResult> Findings { get; }

    public string ToJsonText() => Json.ToJsonString(WriteOptions).ReplaceLineEndings("\n") + "\n";

    public static string LevelName(ComplianceLevel level) => level.ToString().ToLowerInvariant();

    public static ComplianceRecord Build(ComplianceInput input)
    {
        var projectDirectory = Path.GetDirectoryName(input.ProjectPath) ?? string.Empty;
        var governed = (input.Results ?? [])
            .Where(r => input.RulePrefixes.Any(p => r.RuleId.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Select(r => r with { Uri = RelativeFile(r.Uri, projectDirectory) })
            .OrderBy(r => r.Uri, StringComparer.Ordinal)
            .ThenBy(r => r.Line)
            .ThenBy(r => r.Column)
            .ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .ThenBy(r => r.Message, StringComparer.Ordinal)
            .ToList();
        var findings = governed.Where(r => !r.IsSuppressed).ToList();
        var suppressed = governed.Where(r => r.IsSuppressed).ToList();
        var inForce = input.Deviations.Where(d => d.IsInForce).Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var (level, reasons) = Judge(input, findings, suppressed, inForce);

        var json = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["level"] = LevelName(level),
            ["levelReasons"] = new JsonArray(reasons.Select(r => (JsonNode?)r).ToArray()),
            ["buildDate"] = IsoDate.ToText(input.BuildDate),
            ["ci"] = input.IsCI,
            ["project"] = new JsonObject
            {
                ["name"] = input.ProjectName,
                ["path"] = input.ProjectPath,
                ["kind"] = Nullable(input.ProjectKind),
                ["targetFramework"] = Nullable(input.TargetFramework),
                ["configuration"] = Nullable(input.Configuration),
            },
            ["sdk"] = new JsonObject
            {
                ["used"] = input.UsingPlatformSdk,
                ["version"] = Nullable(input.SdkVersion),
            },
            ["settings"] = new JsonArray(input.Settings.Select(s => (JsonNode?)SettingJson(s, inForce)).ToArray()),
            ["deviations"] = new JsonArray(input.Deviations.Select(d => (JsonNode?)DeviationJson(d, suppressed)).ToArray()),
            ["enforcement"] = new JsonArray(input.StagedRules.Select(r => (JsonNode?)new JsonObject
            {
                ["ruleId"] = r.RuleId,
                ["errorFrom"] = IsoDate.ToText(r.ErrorFrom),
                ["mode"] = r.Mode,
            }).ToArray()),
            ["diagnostics"] = new JsonObject
            {
                ["available"] = input.Results is not null,
                ["sarifFile"] = Nullable(input.SarifFile),
                ["rulePrefixes"] = new JsonArray(input.RulePrefixes.Select(p => (JsonNode?)p).ToArray()),
                ["findingCount"] = findings.Count(f => f.CountsAsFinding),
                ["suppressedCount"] = suppressed.Count,
            },
            ["baseline"] = input.Baseline is not { Entries: > 0 } baseline ? null : new JsonObject
            {
                ["file"] = baseline.File,
                ["owner"] = baseline.Owner,
                ["targetDate"] = baseline.TargetDate,
                ["status"] = baseline.PastTargetDate ? "pastTargetDate" : "active",
                ["entries"] = baseline.Entries,
                ["suppressedResults"] = (input.Results ?? []).Count(Platform.Baselines.BaselineSuppression.IsBaselined),
            },
            ["findings"] = new JsonArray(findings.Select(f => (JsonNode?)ResultJson(f)).ToArray()),
            ["suppressed"] = new JsonArray(suppressed.Select(s =>
            {
                var node = ResultJson(s);
                node["suppressionKind"] = s.Suppression!.Kind;
                node["justification"] = Nullable(s.Suppression.Justification);
                var deviation = input.Deviations.FirstOrDefault(d => d.IsInForce && string.Equals(d.Id, s.RuleId, StringComparison.OrdinalIgnoreCase));
                node["deviation"] = deviation is null ? null : new JsonObject
                {
                    ["id"] = deviation.Id,
                    ["owner"] = deviation.Owner,
                    ["reason"] = deviation.Reason,
                    ["expires"] = deviation.ExpiresText,
                };
                return (JsonNode?)node;
            }).ToArray()),
        };

        return new ComplianceRecord(level, reasons, json, findings);
    }

    private static (ComplianceLevel, IReadOnlyList<string>) Judge(
        ComplianceInput input,
        IReadOnlyList<SarifResult> findings,
        IReadOnlyList<SarifResult> suppressed,
        HashSet<string> inForce)
    {
        if (!input.UsingPlatformSdk)
        {
            return (ComplianceLevel.None, ["the project does not use the Platform SDK"]);
        }

        var bronze = new List<string>();
        var counted = findings.Count(f => f.CountsAsFinding);
        if (input.Results is null)
        {
            bronze.Add("no SARIF log to read diagnostics from");
        }

        if (counted > 0)
        {
            bronze.Add($"{counted} finding(s): {string.Join(", ", findings.Where(f => f.CountsAsFinding).Select(f => f.RuleId).Distinct(StringComparer.Ordinal))}");
        }

        foreach (var deviation in input.Deviations.Where(d => d.Status is DeviationStatus.Expired or DeviationStatus.Invalid))
        {
            bronze.Add($"deviation {deviation.Id} is {deviation.Status.ToString().ToLowerInvariant()}");
        }

        foreach (var setting in input.Settings.Where(s => s.Enforced && !s.IsDefault && !(s.DeviationName is { } name && inForce.Contains(name))))
        {
            bronze.Add($"setting {setting.Name} is '{setting.Effective}' (golden path: '{setting.Default}') without a registered deviation");
        }

        if (input.Baseline is { PastTargetDate: true, LevelReason: { } pastDue })
        {
            bronze.Add(pastDue);
        }

        if (bronze.Count > 0)
        {
            return (ComplianceLevel.Bronze, bronze);
        }

        var silver = new List<string>();
        var registered = input.Deviations.Where(d => d.IsInForce).Select(d => d.Id).ToList();
        if (registered.Count > 0)
        {
            silver.Add($"{registered.Count} registered deviation(s): {string.Join(", ", registered)}");
        }

        if (suppressed.Count > 0)
        {
            silver.Add($"{suppressed.Count} suppressed result(s)");
        }

        if (input.Baseline is { PastTargetDate: false, LevelReason: { } baselined })
        {
            silver.Add(baselined);
        }

        return silver.Count > 0
            ? (ComplianceLevel.Silver, silver)
            : (ComplianceLevel.Gold, ["no findings and no deviations"]);
    }

    private static JsonObject SettingJson(GoldenSetting setting, HashSet<string> inForce)
    {
        var status = setting.IsDefault ? "default"
            : setting.DeviationName is { } name && inForce.Contains(name) ? "deviated"
            : "changed";
        return new JsonObject
        {
            ["name"] = setting.Name,
            ["default"] = setting.Default,
            ["effective"] = setting.Effective,
            ["status"] = status,
            ["deviation"] = Nullable(setting.DeviationName),
            ["enforced"] = setting.Enforced,
        };
    }

    private static JsonObject DeviationJson(Deviation deviation, IReadOnlyList<SarifResult> suppressed) => new()
    {
        ["id"] = deviation.Id,
        ["kind"] = deviation.Kind.ToString().ToLowerInvariant(),
        ["status"] = deviation.Status.ToString().ToLowerInvariant(),
        ["reason"] = deviation.Reason,
        ["owner"] = deviation.Owner,
        ["expires"] = deviation.ExpiresText,
        ["daysLeft"] = deviation.DaysLeft,
        ["suppressedResults"] = deviation.IsInForce
            ? suppressed.Count(s => string.Equals(s.RuleId, deviation.Id, StringComparison.OrdinalIgnoreCase))
            : 0,
    };

    private static JsonObject ResultJson(SarifResult result) => new()
    {
        ["ruleId"] = result.RuleId,
        ["level"] = result.Level,
        ["message"] = result.Message,
        ["file"] = Nullable(result.Uri),
        ["line"] = result.Line,
        ["column"] = result.Column,
    };

    private static string? Nullable(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>file:// URIs become paths relative to the project directory (forward slashes) when under it.</summary>
    private static string? RelativeFile(string? uri, string projectDirectory)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return uri;
        }

        var local = parsed.LocalPath;
        if (projectDirectory.Length > 0)
        {
            var relative = Path.GetRelativePath(projectDirectory, local);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        return local.Replace('\\', '/');
    }
}
