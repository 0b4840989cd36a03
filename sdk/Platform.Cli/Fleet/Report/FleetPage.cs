using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Cli.Fleet;

/// <summary>
/// The fleet view as one self-contained HTML page: the template, its CSS and script, the vendored ECharts
/// (Report/vendor/echarts, see its VERSION) and the data, all embedded; nothing is fetched when it opens.
/// </summary>
public static class FleetPage
{
    /// <summary>The ECharts version embedded (Report/vendor/echarts/VERSION).</summary>
    public static string EChartsVersion => Resource("vendor.echarts.VERSION").Split('\n').First(l => l.StartsWith("version:", StringComparison.Ordinal))[8..].Trim();

    public static string Render(FleetView view, string title)
    {
        var data = Data(view).ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        return Resource("fleet.html")
            .Replace("{{TOOL_VERSION}}", Html(Audit.AuditRunner.ToolVersion), StringComparison.Ordinal)
            .Replace("{{TITLE}}", Html(title), StringComparison.Ordinal)
            .Replace("{{SUBTITLE}}", Html(Subtitle(view, title)), StringComparison.Ordinal)
            .Replace("{{ECHARTS_VERSION}}", Html(EChartsVersion), StringComparison.Ordinal)
            .Replace("{{CSS}}", Resource("fleet.css"), StringComparison.Ordinal)
            .Replace("{{APP}}", Resource("fleet.js"), StringComparison.Ordinal)
            // The default encoder escapes <, > and & in strings, so the data cannot close its script element.
            .Replace("{{DATA}}", data, StringComparison.Ordinal)
            .Replace("{{ECHARTS}}", Resource("vendor.echarts.echarts.min.js").Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
    }

    private static string Subtitle(FleetView view, string title) =>
        $"{title}: {view.Totals.Repositories} repositories, {view.Totals.Projects} projects, {view.Totals.Snapshots} snapshots from {Iso(view.Totals.FirstSnapshot)} to {Iso(view.Totals.LastSnapshot)}; as of {Iso(view.Today)}.";

    private static JsonObject Data(FleetView view)
    {
        var timeline = new JsonObject
        {
            ["dates"] = Array(view.Timeline.Select(p => Iso(p.Date))),
            ["coverage"] = Array(view.Timeline.Select(p => p.Coverage)),
            ["findings"] = Array(view.Timeline.Select(p => p.Findings)),
            ["baselineFindings"] = Array(view.Timeline.Select(p => p.BaselineFindings)),
            ["versioned"] = Array(view.Timeline.Select(p => p.Versioned)),
            ["versions"] = new JsonObject(view.Versions.Select(v => KeyValuePair.Create(v, (JsonNode?)Array(view.Timeline.Select(p => p.VersionCounts.GetValueOrDefault(v)))))),
        };

        return new JsonObject
        {
            ["today"] = Iso(view.Today),
            ["totals"] = JsonSerializer.SerializeToNode(view.Totals, Audit.Formats.JsonFormat.Options),
            ["levels"] = new JsonObject(view.Levels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            ["timeline"] = timeline,
            ["versions"] = Array(view.Versions),
            ["adoption"] = JsonSerializer.SerializeToNode(view.Adoption, Audit.Formats.JsonFormat.Options),
            ["ownerDeviations"] = new JsonArray([.. view.Deviations.GroupBy(d => d.Owner).Select(g => new JsonObject
            {
                ["owner"] = g.Key,
                ["soon"] = g.Count(d => d.ExpiresWithin30Days),
                ["expired"] = g.Count(d => d.Status is "expired" or "invalid"),
                ["later"] = g.Count(d => !d.ExpiresWithin30Days && d.Status is not ("expired" or "invalid")),
            }).OrderByDescending(o => (int)o["soon"]! + (int)o["expired"]!).ThenByDescending(o => (int)o["later"]!).Take(25)]),
            ["tables"] = new JsonArray([.. FleetTables.All(view).Select(Table)]),
        };
    }

    private static JsonNode Table(FleetTable table) => new JsonObject
    {
        ["id"] = table.Id,
        ["title"] = table.Title,
        ["hint"] = table.Hint,
        ["columns"] = new JsonArray([.. table.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Numeric ? "num" : "text" })]),
        ["rows"] = new JsonArray([.. table.Rows.Select(r => (JsonNode)new JsonArray([.. r.Cells.Select(c => c switch
        {
            null => null,
            int i => (JsonNode)i,
            double d => d,
            _ => (JsonNode)c.ToString()!,
        })]))]),
        ["classes"] = table.Rows.Any(r => r.Class is not null) ? Array(table.Rows.Select(r => r.Class ?? string.Empty)) : null,
    };

    private static JsonArray Array<T>(IEnumerable<T> values) => new([.. values.Select(v => JsonValue.Create(v) as JsonNode)]);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Platform.Cli.Fleet.Report." + name)
            ?? throw new InvalidOperationException($"The fleet page resource {name} is missing from the tool.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
