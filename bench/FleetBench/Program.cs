using System.Diagnostics;
using System.Globalization;
using Platform.Cli.Fleet;
using Platform.Cli.Tests.Fleet;

// generate <folder> [repos] [projects] [weeks]: one audit JSON file per repo and week (folder/<repo>/<date>.json).
// open <page.html>: load the page in headless Chromium; print the time until it is interactive and its own render time.
return args switch
{
    ["generate", var folder, ..] => Generate(folder, Int(args, 2, 1000), Int(args, 3, 20), Int(args, 4, 52)),
    ["open", var page] => await OpenAsync(page),
    _ => Usage(),
};

static int Generate(string folder, int repos, int projects, int weeks)
{
    var teams = Enumerable.Range(1, 40).Select(i => $"team-{i:00}").ToArray();
    var versions = new[] { "1.0.0", "1.1.0", "1.2.0", "1.3.0", "2.0.0" };
    var start = new DateOnly(2025, 12, 1);
    var clock = Stopwatch.StartNew();
    long bytes = 0;
    Parallel.For(0, repos, r =>
    {
        var random = new Random(r);
        var repo = $"repo-{r:0000}";
        var team = teams[r % teams.Length];
        var adoptLag = random.Next(0, 6);
        var files = new List<FleetSnapshot>(weeks);
        for (var w = 0; w < weeks; w++)
        {
            var date = start.AddDays(7 * w);
            var released = Math.Min(versions.Length - 1, w / 10); // a release every 10 weeks
            var projectList = new List<FleetProject>(projects);
            for (var p = 0; p < projects; p++)
            {
                var lag = (adoptLag + p % 3) switch { < 2 => 0, < 5 => 1, _ => 2 };
                var version = versions[Math.Max(0, released - (w % 10 < lag * 2 ? 1 : 0) - (lag > 1 && p % 5 == 0 ? 1 : 0))];
                var findings = Math.Max(0, 6 - w / 8 - p % 4 + random.Next(0, 2));
                var level = findings > 0 ? "bronze" : p % 4 == 0 ? "silver" : "gold";
                var owner = p % 25 == 24 ? null : p % 7 == 0 ? teams[(r + 1) % teams.Length] : team;
                var deviations = p % 4 == 0
                    ? new[] { new FleetDeviation("PLAT2001", owner, date.AddDays(20 + (r + p) % 150).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "active") }
                    : [];
                var staged = r % 10 == 0 ? new[] { new FleetStagedRule("PLAT5002", "2026-12-01", "warning") } : [];
                projectList.Add(FleetHistories.P(
                    $"src/Service{p:00}/Service{p:00}.csproj", version, level, version == versions[released] ? "current" : "outdated", owner,
                    findings: findings == 0 ? null : [(p % 2 == 0 ? "PLAT2001" : "PLAT5002", findings)],
                    deviations: deviations, staged: staged,
                    baseline: Math.Max(0, 30 - w) * (p % 3 == 0 ? 1 : 0), baselineOwner: team, baselineTarget: "2026-09-30",
                    template: p == 0 && r % 9 == 0 && w > 40 ? "outdated" : null));
            }

            files.Add(new FleetSnapshot(repo, date, "1.0.0", projectList));
        }

        foreach (var file in FleetHistories.WriteAuditFiles(Path.Combine(folder, repo), files))
        {
            Interlocked.Add(ref bytes, new FileInfo(file).Length);
        }
    });
    Console.WriteLine($"generated {repos} repos x {projects} projects x {weeks} weeks = {repos * weeks} audit files, {bytes / 1048576} MiB, in {clock.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

static async Task<int> OpenAsync(string page)
{
    await using var chromium = await HeadlessChromium.StartAsync();
    var clock = Stopwatch.StartNew();
    await chromium.OpenAsync(new Uri(Path.GetFullPath(page)).AbsoluteUri, "document.body.getAttribute('data-ready') === 'true'", TimeSpan.FromSeconds(120));
    var interactive = clock.ElapsedMilliseconds;
    var render = await chromium.EvaluateAsync<string>("document.body.getAttribute('data-render-ms')");
    var marks = await chromium.EvaluateAsync<int>("document.querySelectorAll('.chart svg path').length");
    Console.WriteLine($"interactive {interactive} ms after navigation (page script {render} ms), {marks} chart marks, {chromium.Errors.Count} console errors");
    return chromium.Errors.Count == 0 ? 0 : 1;
}

static int Int(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: FleetBench generate <folder> [repos] [projects] [weeks] | open <page.html>");
    return 2;
}
