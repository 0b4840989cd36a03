using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Governance;

namespace Platform.Cli.Audit.Formats;

/// <summary>
/// SARIF 2.1.0 for code scanning: one result per finding, broken or expiring deviation, outdated SDK, template drift,
/// missing record and evaluation error, located at the project file, with stable fingerprints.
/// </summary>
public sealed class SarifFormat : IAuditFormat
{
    internal const string DocsBase = "https://github.com/platform/platform-sdk/blob/main/docs/";

    /// <summary>Where template drift is fixed: `platform sync`.</summary>
    internal const string SyncDocs = "templates.md#updating-a-repo-from-a-newer-template-platform-sync";

    public string Name => "sarif";

    public void Write(AuditReport report, TextWriter output) => output.WriteLine(Document(report).ToJsonString(JsonFormat.Options));

    private static JsonObject Document(AuditReport report)
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
                ["properties"] = new JsonObject { ["project"] = project.Name, ["level"] = project.Level.Name(), ["owner"] = project.Owner?.Name },
            });
        }

        foreach (var p in report.Projects)
        {
            if (p.EvaluationError is not null)
            {
                Add(AuditRuleIds.NotEvaluated, "error", $"{p.Name} did not evaluate: {p.EvaluationError}", p, "Project does not evaluate", DocsBase + "cli.md#exit-codes");
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
                    case DeviationStatus.Expired:
                        Add(AuditRuleIds.ExpiredDeviation, "error", $"PlatformDeviation '{d.Id}' (owner {d.Owner}) expired on {d.Expires}. Fix the findings and remove it, or have the owner renew it.", p, "Deviation expired", DocsBase + "governance.md#renew-or-remove");
                        break;
                    case DeviationStatus.Invalid:
                        Add(AuditRuleIds.InvalidDeviation, "error", $"PlatformDeviation '{d.Id}' is invalid: {d.Problem}.", p, "Deviation invalid", DocsBase + "governance.md#register-a-deviation");
                        break;
                    case DeviationStatus.Expiring:
                        Add(AuditRuleIds.ExpiringDeviation, "note", $"PlatformDeviation '{d.Id}' (owner {d.Owner}) expires on {d.Expires}, in {d.DaysLeft} day(s).", p, "Deviation expires soon", DocsBase + "governance.md#renew-or-remove");
                        break;
                }
            }

            if (p.Drift.Status == "outdated")
            {
                Add(AuditRuleIds.OutdatedSdk, "warning", $"{p.Name} is on Platform SDK {p.SdkVersion}; the newest is {p.Drift.Newest}. Run `platform upgrade --to {p.Drift.Newest}`.", p, "Platform SDK outdated", DocsBase + "cli.md#platform-upgrade");
            }

            if (p.Template is { Status: "outdated" } t)
            {
                Add(AuditRuleIds.TemplateDrift, "note", $"{p.Name} was generated from {t.TemplateId} {t.TemplateVersion} ({t.Path}); the newest template is {t.Newest}. Run `platform sync` to merge it in.", p, "Template drift", DocsBase + SyncDocs);
            }

            if (p.Level == ComplianceLevel.Unknown)
            {
                Add(AuditRuleIds.NoRecord, "note", $"{p.Name} has no compliance record; build it to get its level.", p, "No compliance record", DocsBase + "compliance-record.md");
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
}
