using System.Text.Json;
using Platform.Cli.Infrastructure;
using Platform.Cli.Tests.Infrastructure;
using static Platform.Cli.Tests.Fleet.FleetHistories;

namespace Platform.Cli.Tests.Fleet;

/// <summary>
/// `platform fleet report` on the hand-made history: the page opened in a real headless Chromium (no console errors, no
/// request leaves the page, every chart drawn, the figures those of the input, tables that filter and sort), a
/// screenshot kept as a test artifact, and the Markdown summary.
/// </summary>
public sealed class FleetReportTests
{
    private static readonly string[] Charts = ["chart-levels", "chart-coverage", "chart-versions", "chart-adoption", "chart-burndown", "chart-owners"];

    private readonly string _folder = TempFolder("report");

    [SkippableFact]
    public async Task The_page_opens_in_chromium_without_errors_and_shows_the_figures_of_the_history()
    {
        Skip.If(HeadlessChromium.SkipReason is not null, HeadlessChromium.SkipReason);
        var (page, _) = await ReportAsync();
        var html = await File.ReadAllTextAsync(page);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.OpenAsync(new Uri(page).AbsoluteUri, "document.body.getAttribute('data-ready') === 'true'", TimeSpan.FromSeconds(60));

        Assert.Empty(chromium.Errors);
        Assert.Empty(await chromium.EvaluateAsync<string[]>("window.fleetErrors"));
        Assert.Equal([new Uri(page).AbsoluteUri], chromium.Requests.Distinct());

        // Every chart has drawn marks (SVG renderer: one element per bar, line and area).
        foreach (var chart in Charts)
        {
            var marks = await chromium.EvaluateAsync<int>($"document.querySelectorAll('#{chart} svg path').length");
            Assert.True(marks >= 3, $"{chart} drew {marks} path(s)");
        }

        // The levels chart draws the counted levels (gold 0, silver 2, bronze 2, none, unknown, error 0), and labels its bars.
        Assert.Equal(new[] { 0, 2, 2, 0, 0, 0 }, await chromium.EvaluateAsync<int[]>("echarts.getInstanceByDom(document.getElementById('chart-levels')).getOption().series[0].data.map(d => d.value)"));
        Assert.Equal(["gold", "silver", "bronze", "none", "unknown", "error"], await chromium.EvaluateAsync<string[]>("echarts.getInstanceByDom(document.getElementById('chart-levels')).getOption().xAxis[0].data"));
        Assert.Equal(new double[] { 100, 75, 50, 75, 100 }, await chromium.EvaluateAsync<double[]>("echarts.getInstanceByDom(document.getElementById('chart-coverage')).getOption().series[0].data"));

        Assert.Equal("2", await Kpi(chromium, "repositories"));
        Assert.Equal("4", await Kpi(chromium, "projects"));
        Assert.Equal("100 %", await Kpi(chromium, "coverage"));
        Assert.Equal("2", await Kpi(chromium, "findings"));
        Assert.Equal("1", await Kpi(chromium, "expiring"));
        Assert.Equal("1", await Kpi(chromium, "unowned"));

        var deviations = await Rows(chromium, "deviations");
        Assert.Equal(["team-a", "repo-a", "src/A2/A2.csproj", "PLAT2001", "2026-02-20", "10", "active"], deviations[0]);
        Assert.Equal("soon", await chromium.EvaluateAsync<string>("document.querySelector('#table-deviations tbody tr').className"));
        Assert.Equal(["team-a", "@org/team-b", "(no owner)"], (await Rows(chromium, "teams")).Select(r => r[0]));
        Assert.Equal(["PLAT5002", "2026-03-01", "warning", "19", "repo-b", "src/B2/B2.csproj", "(no owner)", "2"], Assert.Single(await Rows(chromium, "campaigns")));
        Assert.Equal(["1.1.0", "2026-01-12", "7", "21", "100"], (await Rows(chromium, "adoption"))[1]);
        Assert.Equal(["repo-b", "1", "platform sync"], Assert.Single(await Rows(chromium, "template-drift")));

        // Filter, then sort by "Days left" ascending: the expired deviation comes first.
        await chromium.EvaluateAsync<bool>("(() => { const i = document.querySelector('#table-deviations input'); i.value = 'team-b'; i.dispatchEvent(new Event('input')); return true; })()");
        Assert.Equal("1", await chromium.EvaluateAsync<string>("document.querySelector('#table-deviations').getAttribute('data-matching')"));
        await chromium.EvaluateAsync<bool>("(() => { const i = document.querySelector('#table-deviations input'); i.value = ''; i.dispatchEvent(new Event('input')); document.querySelectorAll('#table-deviations th')[5].click(); return true; })()");
        Assert.Equal("PLAT1001", (await Rows(chromium, "deviations"))[0][3]);
        Assert.Equal("ascending", await chromium.EvaluateAsync<string>("document.querySelectorAll('#table-deviations th')[5].getAttribute('aria-sort')"));

        var screenshot = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "fleet", "fleet-report.png");
        await chromium.ScreenshotAsync(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot has content");
        Assert.Empty(chromium.Errors);
    }

    [Fact]
    public async Task The_markdown_summary_has_the_key_figures_and_the_tables_top_rows()
    {
        var (_, markdown) = await ReportAsync();
        var text = await File.ReadAllTextAsync(markdown);

        Assert.Contains("| 100 % (4/4) | 2 | 0 | 1 | 1 | 1 |", text, StringComparison.Ordinal);
        Assert.Contains("| 0 | 2 | 2 | 0 | 0 | 0 |", text, StringComparison.Ordinal);
        Assert.Contains("| team-a | repo-a | src/A2/A2.csproj | PLAT2001 | 2026-02-20 | 10 | active |", text, StringComparison.Ordinal);
        Assert.Contains("| PLAT5002 | 2026-03-01 | warning | 19 | repo-b | src/B2/B2.csproj | (no owner) | 2 |", text, StringComparison.Ordinal);
        Assert.Contains("Template drift: run `platform sync` in `repo-b`.", text, StringComparison.Ordinal);
        Assert.Contains("Projects without an owner (PLAT0457)", text, StringComparison.Ordinal);
    }

    private async Task<(string Page, string Markdown)> ReportAsync()
    {
        var database = Path.Combine(_folder, "fleet.db");
        var files = WriteAuditFiles(Path.Combine(_folder, "audits"), TwoRepos());
        Assert.Equal(0, (await InProcessCli.RunAsync(["fleet", "ingest", .. files, "--database", database])).ExitCode);
        var page = Path.Combine(_folder, "out", "fleet.html");
        var markdown = Path.Combine(_folder, "out", "fleet.md");
        var report = await InProcessCli.RunAsync("fleet", "report", "--database", database, "--output", page, "--markdown", markdown, "--today", "2026-02-10", "--title", "test fleet");
        Assert.True(report.ExitCode == 0, report.ToString());
        return (page, markdown);
    }

    private static Task<string> Kpi(HeadlessChromium chromium, string name) =>
        chromium.EvaluateAsync<string>($"document.getElementById('kpi-{name}').getAttribute('data-value')");

    private static async Task<string[][]> Rows(HeadlessChromium chromium, string table) =>
        await chromium.EvaluateAsync<string[][]>($"Array.from(document.querySelectorAll('#table-{table} tbody tr')).map(r => Array.from(r.children).map(c => c.textContent))");
}
