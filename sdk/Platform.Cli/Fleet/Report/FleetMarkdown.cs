using System.Globalization;

namespace Platform.Cli.Fleet;

/// <summary>The fleet view in a few GitHub-flavoured Markdown tables, for an issue or PR comment or a job summary.</summary>
public static class FleetMarkdown
{
    private const int TopRows = 10;

    public static string Render(FleetView view, string title)
    {
        var t = view.Totals;
        var md = new System.Text.StringBuilder();
        md.AppendLine($"## Fleet view: {Cell(title)}").AppendLine();
        md.AppendLine($"As of {Iso(view.Today)}: {t.Repositories} repositories, {t.Projects} projects ({t.PlatformProjects} on the Platform SDK), {t.Snapshots} snapshots from {Iso(t.FirstSnapshot)} to {Iso(t.LastSnapshot)}.").AppendLine();
        md.AppendLine("| Up-to-date coverage | Findings | Baselined findings | Deviations expiring in 30 days | Expired or invalid deviations | Projects without an owner |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        md.AppendLine($"| {Percent(t.Coverage)} ({t.UpToDate}/{t.Projects}) | {t.Findings} | {t.BaselineFindings} | {t.DeviationsExpiringIn30Days} | {t.ExpiredDeviations} | {t.Unowned} |").AppendLine();
        md.AppendLine("| " + string.Join(" | ", view.Levels.Keys) + " |");
        md.AppendLine("|" + string.Concat(view.Levels.Keys.Select(_ => " --- |")));
        md.AppendLine("| " + string.Join(" | ", view.Levels.Values) + " |").AppendLine();

        foreach (var table in FleetTables.All(view).Where(x => x.Rows.Count > 0))
        {
            md.AppendLine($"### {Cell(table.Title)}").AppendLine();
            md.AppendLine("| " + string.Join(" | ", table.Columns.Select(c => Cell(c.Name))) + " |");
            md.AppendLine("|" + string.Concat(table.Columns.Select(c => c.Numeric ? " ---: |" : " --- |")));
            foreach (var row in table.Rows.Take(TopRows))
            {
                md.AppendLine("| " + string.Join(" | ", row.Cells.Select(c => c is null ? string.Empty : Cell(Convert.ToString(c, CultureInfo.InvariantCulture)!))) + " |");
            }

            if (table.Rows.Count > TopRows)
            {
                md.AppendLine().AppendLine($"…and {table.Rows.Count - TopRows} more in the HTML page.");
            }

            md.AppendLine();
        }

        if (view.TemplateDrift.Count > 0)
        {
            md.AppendLine($"Template drift: run `{FleetModel.SyncCommand}` in " + string.Join(", ", view.TemplateDrift.Take(20).Select(d => $"`{d.Repository}`")) + (view.TemplateDrift.Count > 20 ? ", …" : ".")).AppendLine();
        }

        return md.ToString();
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
