using Platform.Governance;
using Spectre.Console;

namespace Platform.Cli.Audit.Formats;

/// <summary>
/// The scorecard for people (the default format), laid out by Spectre.Console. On a terminal it fits the window and
/// colours the level; redirected to a file or pipe it is plain text, one project per line, so grep works.
/// </summary>
public sealed class TableFormat : IAuditFormat
{
    public string Name => "table";

    public void Write(AuditReport report, TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = terminal ? Console.WindowWidth : 4096;

        var table = new Table().Border(TableBorder.None);
        foreach (var header in new[] { "PROJECT", "OWNER", "KIND", "SDK", "LEVEL", "DEVIATIONS", "FINDINGS" })
        {
            table.AddColumn(new TableColumn(header).PadLeft(0).PadRight(2));
        }

        foreach (var p in report.Projects)
        {
            table.AddRow(
                new Text(p.Path),
                new Text(ScorecardText.Owner(p)),
                new Text(p.Kind ?? "-"),
                new Text(ScorecardText.Sdk(p)),
                new Text(ScorecardText.Level(p, report), LevelStyle(p.Level)),
                new Text(ScorecardText.Deviations(p)),
                new Text(ScorecardText.Findings(p)));
        }

        console.Write(table);
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

        foreach (var line in ScorecardText.SummaryLines(report))
        {
            output.WriteLine(line);
        }
    }

    private static Style LevelStyle(ComplianceLevel level) => level switch
    {
        ComplianceLevel.Gold => new Style(Color.Gold1),
        ComplianceLevel.Silver => new Style(Color.Silver),
        ComplianceLevel.Bronze => new Style(Color.Orange3),
        ComplianceLevel.Error or ComplianceLevel.Unknown => new Style(Color.Red),
        _ => Style.Plain,
    };
}
