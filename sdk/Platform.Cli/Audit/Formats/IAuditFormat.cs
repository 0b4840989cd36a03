namespace Platform.Cli.Audit.Formats;

/// <summary>One output format of `platform audit` (--format).</summary>
public interface IAuditFormat
{
    /// <summary>The --format value.</summary>
    string Name { get; }

    void Write(AuditReport report, TextWriter output);
}

/// <summary>Every format, by name: table (people), json (dashboards), markdown (PR comments, job summaries), sarif (code scanning), techinsights (Backstage).</summary>
public static class AuditFormats
{
    public static IReadOnlyList<IAuditFormat> All { get; } =
        [new TableFormat(), new JsonFormat(), new MarkdownFormat(), new SarifFormat(), new TechInsightsFormat()];

    public static string[] Names { get; } = All.Select(f => f.Name).ToArray();

    public static IAuditFormat Named(string name) => All.FirstOrDefault(f => f.Name == name) ?? All[0];

    /// <summary>The report rendered as text, so a file is written in one piece or not at all.</summary>
    public static string Render(AuditReport report, string format)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        Named(format).Write(report, writer);
        return writer.ToString();
    }
}
