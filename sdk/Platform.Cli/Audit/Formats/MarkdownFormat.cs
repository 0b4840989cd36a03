using Platform.Governance;

namespace Platform.Cli.Audit.Formats;

/// <summary>The scorecard as GitHub-flavoured markdown, for PR comments and CI job summaries.</summary>
public sealed class MarkdownFormat : IAuditFormat
{
    public string Name => "markdown";

    public void Write(AuditReport report, TextWriter output)
    {
        output.WriteLine("## Platform audit");
        output.WriteLine();
        output.WriteLine("| Project | Owner | Kind | SDK | Level | Deviations | Findings |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var p in report.Projects)
        {
            output.WriteLine($"| `{p.Path}` | {Cell(ScorecardText.Owner(p))} | {Cell(p.Kind ?? "-")} | {Cell(ScorecardText.Sdk(p))} | **{p.Level.Name()}**{(p.BelowMinLevel ? " ⚠" : string.Empty)} | {Cell(ScorecardText.Deviations(p))} | {Cell(ScorecardText.Findings(p))} |");
        }

        output.WriteLine();
        if (report.Templates.Count > 0)
        {
            output.WriteLine("| Template file | Template | Version | Newest | Status |");
            output.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var t in report.Templates)
            {
                output.WriteLine($"| `{t.Path}` | {Cell(t.TemplateId ?? "-")} | {Cell(t.TemplateVersion ?? "-")} | {Cell(t.Newest ?? "-")} | {TemplateStatus(t)} |");
            }

            output.WriteLine();
        }

        foreach (var line in ScorecardText.SummaryLines(report))
        {
            output.WriteLine("- " + Cell(line));
        }
    }

    /// <summary>An outdated stamp links to the command that fixes it.</summary>
    private static string TemplateStatus(TemplateAudit template) =>
        template.Status == "outdated" ? $"outdated: [`platform sync`]({SarifFormat.DocsBase}{SarifFormat.SyncDocs})" : template.Status;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
