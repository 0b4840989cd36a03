using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Cli.Audit;

/// <summary>Renders an <see cref="AuditReport"/>: table (people), markdown (PR comments, job summaries), json (dashboards), sarif (code scanning), techinsights (Backstage).</summary>
public static class AuditFormatters
{
    public static readonly string[] Formats = ["table", "json", "markdown", "sarif", "techinsights"];

    /// <summary>Rule ids the audit itself reports (docs/cli.md); findings keep the analyzers' ids.</summary>
    public static class RuleIds
    {
        public const string ExpiredDeviation = "PLAT0106";
        public const string OutdatedSdk = "PLAT0901";
        public const string TemplateDrift = "PLAT0902";
        public const string NotEvaluated = "PLAT0903";
        public const string InvalidDeviation = "PLAT0904";
        public const string ExpiringDeviation = "PLAT0905";
        public const string NoRecord = "PLAT0906";
    }

    private const string DocsBase = "https://github.com/platform/platform-sdk/blob/main/docs/";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(AuditReport report, string format, TextWriter output)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
                break;
            case "markdown":
                WriteMarkdown(report, output);
                break;
            case "sarif":
                output.WriteLine(Sarif(report).ToJsonString(JsonOptions));
                break;
            case "techinsights":
                output.WriteLine(TechInsights(report).ToJsonString(JsonOptions));
                break;
            default:
                WriteTable(report, output);
                break;
        }
    }

    // ---- table ----------------------------------------------------------------------------------------------------

    private static void WriteTable(AuditReport report, TextWriter output)
    {
        var rows = new List<string[]> { new[] { "PROJECT", "KIND", "SDK", "LEVEL", "DEVIATIONS", "FINDINGS" } };
        foreach (var p in report.Projects)
        {
            rows.Add([p.Path, p.Kind ?? "-", SdkCell(p), p.Level + (p.BelowMinLevel ? " (below " + report.Summary.MinLevel + ")" : string.Empty), DeviationsCell(p), FindingsCell(p)]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        output.WriteLine();
        foreach (var p in report.Projects.Where(p => p.EvaluationError is not null))
        {
            output.WriteLine($"error: {p.Path} did not evaluate: {p.EvaluationError}");
        }

        foreach (var p in report.Projects.Where(p => p.Baseline is not null))
        {
            var b = p.Baseline!;
            output.WriteLine($"baseline: {p.Path}: {b.Findings} finding(s) (recorded {b.Recorded}; burn-down {string.Join(" -> ", b.BurnDown.Select(x => $"{x.Count} on {x.Date}"))}), owner {b.Owner}, target {b.TargetDate}{(b.Status == "pastTargetDate" ? " PAST DUE" : string.Empty)}.");
        }

        foreach (var t in report.Templates.Where(t => t.Status == "outdated"))
        {
            output.WriteLine($"template drift: {t.Path} is {t.TemplateId} {t.TemplateVersion}; newest is {t.Newest}.");
        }

        foreach (var line in SummaryLines(report))
        {
            output.WriteLine(line);
        }
    }

    private static string SdkCell(ProjectAudit p) => p.SdkVersion is null
        ? "-"
        : p.Drift.Status switch
        {
            "outdated" => $"{p.SdkVersion} (newest {p.Drift.Newest})",
            "current" => p.SdkVersion + " (newest)",
            _ => p.SdkVersion,
        };

    private static string DeviationsCell(ProjectAudit p) => p.Deviations.Count == 0
        ? "-"
        : string.Join("; ", p.Deviations.Select(d => $"{d.Id} {d.Owner ?? "no owner"} {DeviationWhen(d)}"));

    private static string DeviationWhen(DeviationAudit d) => d.Status switch
    {
        "expired" => $"EXPIRED {d.Expires}",
        "invalid" => $"INVALID ({d.Problem})",
        "expiring" => $"expires {d.Expires} ({d.DaysLeft}d!)",
        _ => $"until {d.Expires} ({d.DaysLeft}d)",
    };

    private static string FindingsCell(ProjectAudit p) => p.Findings.Count == 0
        ? "-"
        : string.Join("; ", p.Findings.Select(f => f.RuleId + (f.File is null ? string.Empty : " " + f.File + (f.Line is null ? string.Empty : ":" + f.Line))));

    private static IEnumerable<string> SummaryLines(AuditReport report)
    {
        var s = report.Summary;
        yield return $"{s.Projects} project(s), {s.PlatformProjects} on the Platform SDK: " +
            string.Join(", ", s.Levels.Where(l => l.Value > 0 || Levels.Rank(l.Key) > 0).Select(l => $"{l.Key} {l.Value}")) + ".";
        yield return report.Feed.NewestKitVersion is null
            ? "Up-to-date coverage: unknown (no Platform.Sdk version found in the feed or the repo)."
            : $"Up-to-date coverage: {s.UpToDate}/{s.Projects} ({s.UpToDateCoverage.ToString("P0", CultureInfo.InvariantCulture)}) on Platform SDK {report.Feed.NewestKitVersion} " +
              (report.Feed.NewestSource == "feed" ? "(newest in the feed)." : "(newest in the repo; the feed gave no version).");
        yield return $"Findings {s.Findings}, deviations {s.Deviations} ({s.ExpiredDeviations} expired or invalid), outdated SDK {s.OutdatedProjects}, template drift {s.TemplateDrift}.";
        foreach (var error in report.Feed.Errors)
        {
            yield return "feed: " + error;
        }

        foreach (var problem in report.Problems)
        {
            yield return "warning: " + problem;
        }

        if (s.MinLevel is not null)
        {
            yield return s.BelowMinLevel == 0
                ? $"Gate --min-level {s.MinLevel}: passed."
                : $"Gate --min-level {s.MinLevel}: FAILED, {s.BelowMinLevel} project(s) below {s.MinLevel}.";
        }
    }

    // ---- markdown -------------------------------------------------------------------------------------------------

    private static void WriteMarkdown(AuditReport report, TextWriter output)
    {
        output.WriteLine("## Platform audit");
        output.WriteLine();
        output.WriteLine("| Project | Kind | SDK | Level | Deviations | Findings |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var p in report.Projects)
        {
            output.WriteLine($"| `{p.Path}` | {Md(p.Kind ?? "-")} | {Md(SdkCell(p))} | **{p.Level}**{(p.BelowMinLevel ? " ⚠" : string.Empty)} | {Md(DeviationsCell(p))} | {Md(FindingsCell(p))} |");
        }

        output.WriteLine();
        if (report.Templates.Count > 0)
        {
            output.WriteLine("| Template file | Template | Version | Newest | Status |");
            output.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var t in report.Templates)
            {
                output.WriteLine($"| `{t.Path}` | {Md(t.TemplateId ?? "-")} | {Md(t.TemplateVersion ?? "-")} | {Md(t.Newest ?? "-")} | {t.Status} |");
            }

            output.WriteLine();
        }

        foreach (var line in SummaryLines(report))
        {
            output.WriteLine("- " + Md(line));
        }
    }

    private static string Md(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    // ---- sarif ----------------------------------------------------------------------------------------------------

    private static JsonObject Sarif(AuditReport report)
    {
        var rules = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var results = new JsonArray();

        void Add(string ruleId, string level, string text, ProjectAudit project, string description, string help)
        {
            if (!rules.ContainsKey(ruleId))
            {
                rules[ruleId] = new JsonObject
                {
                    ["id"] = ruleId,
                    ["shortDescription"] = new JsonObject { ["text"] = description },
                    ["helpUri"] = help,
                    ["defaultConfiguration"] = new JsonObject { ["level"] = level },
                };
            }

            results.Add(new JsonObject
            {
                ["ruleId"] = ruleId,
                ["level"] = level,
                ["message"] = new JsonObject { ["text"] = text },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = project.Path, ["uriBaseId"] = "%SRCROOT%" },
                        ["region"] = new JsonObject { ["startLine"] = 1 },
                    },
                }),
                ["partialFingerprints"] = new JsonObject { ["platformAudit/v1"] = Fingerprint(ruleId, project.Path, text) },
                ["properties"] = new JsonObject { ["project"] = project.Name, ["level"] = project.Level },
            });
        }

        foreach (var p in report.Projects)
        {
            if (p.EvaluationError is not null)
            {
                Add(RuleIds.NotEvaluated, "error", $"{p.Name} did not evaluate: {p.EvaluationError}", p, "Project does not evaluate", DocsBase + "cli.md#exit-codes");
            }

            foreach (var f in p.Findings)
            {
                var where = f.File is null ? string.Empty : $" ({f.File}{(f.Line is null ? string.Empty : ":" + f.Line)})";
                Add(f.RuleId, SarifLevel(f.Level), $"{f.Message}{where} in {p.Name}", p, f.Message, DocsBase + $"rules/{f.RuleId}.md");
            }

            foreach (var d in p.Deviations)
            {
                switch (d.Status)
                {
                    case "expired":
                        Add(RuleIds.ExpiredDeviation, "error", $"PlatformDeviation '{d.Id}' (owner {d.Owner}) expired on {d.Expires}. Fix the findings and remove it, or have the owner renew it.", p, "Deviation expired", DocsBase + "governance.md#renew-or-remove");
                        break;
                    case "invalid":
                        Add(RuleIds.InvalidDeviation, "error", $"PlatformDeviation '{d.Id}' is invalid: {d.Problem}.", p, "Deviation invalid", DocsBase + "governance.md#register-a-deviation");
                        break;
                    case "expiring":
                        Add(RuleIds.ExpiringDeviation, "note", $"PlatformDeviation '{d.Id}' (owner {d.Owner}) expires on {d.Expires}, in {d.DaysLeft} day(s).", p, "Deviation expires soon", DocsBase + "governance.md#renew-or-remove");
                        break;
                }
            }

            if (p.Drift.Status == "outdated")
            {
                Add(RuleIds.OutdatedSdk, "warning", $"{p.Name} is on Platform SDK {p.SdkVersion}; the newest is {p.Drift.Newest}. Run `platform upgrade --to {p.Drift.Newest}`.", p, "Platform SDK outdated", DocsBase + "cli.md#platform-upgrade");
            }

            if (p.Template is { Status: "outdated" } t)
            {
                Add(RuleIds.TemplateDrift, "note", $"{p.Name} was generated from {t.TemplateId} {t.TemplateVersion} ({t.Path}); the newest template is {t.Newest}.", p, "Template drift", DocsBase + "cli.md#drift");
            }

            if (p.Level == Levels.Unknown)
            {
                Add(RuleIds.NoRecord, "note", $"{p.Name} has no compliance record; build it to get its level.", p, "No compliance record", DocsBase + "compliance-record.md");
            }
        }

        return new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "platform",
                        ["semanticVersion"] = report.Tool.Version,
                        ["informationUri"] = DocsBase + "cli.md",
                        ["rules"] = new JsonArray(rules.Values.Select(r => (JsonNode)r).ToArray()),
                    },
                },
                ["originalUriBaseIds"] = new JsonObject
                {
                    ["%SRCROOT%"] = new JsonObject { ["uri"] = new Uri(report.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri },
                },
                ["results"] = results,
            }),
        };
    }

    private static string SarifLevel(string level) => level switch
    {
        "error" => "error",
        "warning" => "warning",
        "note" or "info" => "note",
        _ => "none",
    };

    private static string Fingerprint(params string[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts))))[..32].ToLowerInvariant();

    // ---- Backstage Tech Insights ----------------------------------------------------------------------------------

    private static JsonObject TechInsights(AuditReport report)
    {
        var timestamp = report.Date + "T00:00:00Z";
        var facts = new JsonArray();
        foreach (var p in report.Projects)
        {
            facts.Add(new JsonObject
            {
                ["entity"] = new JsonObject { ["namespace"] = "default", ["kind"] = "Component", ["name"] = p.Name.ToLowerInvariant() },
                ["timestamp"] = timestamp,
                ["facts"] = new JsonObject
                {
                    ["platformSdkUsed"] = p.UsesPlatformSdk,
                    ["platformSdkVersion"] = p.SdkVersion,
                    ["platformSdkUpToDate"] = p.Drift.Status is "current" or "newer",
                    ["platformComplianceLevel"] = p.Level,
                    ["platformFindings"] = p.Findings.Count(f => f.Level is "error" or "warning"),
                    ["platformDeviations"] = p.Deviations.Count,
                    ["platformExpiredDeviations"] = p.Deviations.Count(d => d.Status is "expired" or "invalid"),
                    ["platformTemplateUpToDate"] = p.Template is null ? null : p.Template.Status == "current",
                },
            });
        }

        JsonObject Fact(string type, string description) => new() { ["type"] = type, ["description"] = description };
        return new JsonObject
        {
            ["id"] = "platform-sdk-audit",
            ["version"] = "1.0.0",
            ["schema"] = new JsonObject
            {
                ["platformSdkUsed"] = Fact("boolean", "The project builds on the Platform SDK"),
                ["platformSdkVersion"] = Fact("string", "Platform SDK version the project builds with"),
                ["platformSdkUpToDate"] = Fact("boolean", "The project is on the newest Platform SDK in the feed"),
                ["platformComplianceLevel"] = Fact("string", "gold, silver, bronze, none, unknown or error"),
                ["platformFindings"] = Fact("integer", "Unsuppressed PLAT errors and warnings of the last build"),
                ["platformDeviations"] = Fact("integer", "Registered PlatformDeviation items"),
                ["platformExpiredDeviations"] = Fact("integer", "Deviations expired or invalid today"),
                ["platformTemplateUpToDate"] = Fact("boolean", "The project's template.json is on the newest template version"),
            },
            ["facts"] = facts,
        };
    }
}
