using System.Text.Json.Nodes;
using Platform.Governance;

namespace Platform.Cli.Audit.Formats;

/// <summary>Backstage Tech Insights facts: one entity per project with its level, SDK drift, findings and deviations (also written by --facts).</summary>
public sealed class TechInsightsFormat : IAuditFormat
{
    public string Name => "techinsights";

    public void Write(AuditReport report, TextWriter output) => output.WriteLine(Document(report).ToJsonString(JsonFormat.Options));

    private static JsonObject Document(AuditReport report)
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
                    ["platformOwner"] = p.Owner?.Name,
                    ["platformSdkVersion"] = p.SdkVersion,
                    ["platformSdkUpToDate"] = p.Drift.Status is "current" or "newer",
                    ["platformComplianceLevel"] = p.Level.Name(),
                    ["platformFindings"] = p.Findings.Count(f => f.CountsAgainstLevel),
                    ["platformDeviations"] = p.Deviations.Count,
                    ["platformExpiredDeviations"] = p.Deviations.Count(d => d.Status is DeviationStatus.Expired or DeviationStatus.Invalid),
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
                ["platformOwner"] = Fact("string", "The owning team: PlatformOwner, else CODEOWNERS; null when none"),
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
