using System.CommandLine;
using System.Globalization;
using Platform.Cli.Audit;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Fleet;

/// <summary>`platform fleet ingest|report`: many repos' audits as a dated history, and the fleet view (docs/fleet.md).</summary>
public static class FleetCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var fleet = new Command("fleet", "Many repos' audits over time: ingest them into a history, report the fleet view.");
        fleet.Subcommands.Add(Ingest(output, error));
        fleet.Subcommands.Add(Report(output));
        return fleet;
    }

    private static Option<string> DatabaseOption() => new("--database", "-d")
    {
        Description = "The history: a SQLite file (created when missing), or a PostgreSQL connection string (Host=…;Database=…; the password from PGPASSWORD)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_FLEET_DATABASE") is { Length: > 0 } fromEnvironment ? fromEnvironment : "fleet.db",
    };

    private static Option<string?> TodayOption(string what) => new("--today") { Description = what + " (yyyy-MM-dd; default: today, UTC)" };

    private static Command Ingest(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Audit JSON files (platform audit --format json), or folders holding them", Arity = ArgumentArity.ZeroOrMore };
        var database = DatabaseOption();
        var checkouts = new Option<string?>("--checkouts") { Description = "A folder of repo checkouts: each subfolder is audited now and ingested as today's snapshot" };
        var replace = new Option<bool>("--replace") { Description = "Replace a snapshot of the same repository and date instead of refusing it" };
        var recordsOnly = new Option<bool>("--records-only") { Description = "With --checkouts: read the build records only (fast; build the repos first)" };
        var offline = new Option<bool>("--offline") { Description = "With --checkouts: do not read any feed" };
        var today = TodayOption("With --checkouts: the snapshot date");
        var command = new Command("ingest", "Add audits to the fleet history as dated snapshots, all in one transaction.")
        {
            inputs, database, checkouts, replace, recordsOnly, offline, today,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = AuditFileReader.Find(parse.GetValue(inputs) ?? []);
            IReadOnlyList<(string Source, FleetSnapshot Snapshot)> audited = [];
            if (parse.GetValue(checkouts) is { } folder)
            {
                var options = new AuditOptions(RecordsOnly: parse.GetValue(recordsOnly), Offline: parse.GetValue(offline), Today: ParseToday(parse.GetValue(today)));
                audited = await CheckoutAuditor.AuditAllAsync(folder, options, error, cancellationToken);
            }

            if (files.Count == 0 && audited.Count == 0)
            {
                throw new CliException(ExitCodes.FleetInputInvalid, $"{FleetCodes.NothingToIngest}: no audit file and no checkout to ingest. Pass audit JSON files or folders, or --checkouts <folder>.");
            }

            // The files are read while they are written: a bad one rolls the whole ingest back.
            using var store = FleetStore.Open(parse.GetValue(database)!);
            var result = store.Ingest(AuditFileReader.ReadAll(files).Concat(audited), parse.GetValue(replace));
            var migrated = store.OpenedAtVersion is > 0 && store.OpenedAtVersion < FleetSchema.Current ? $" (migrated from schema {store.OpenedAtVersion})" : string.Empty;
            await output.WriteLineAsync(
                $"Ingested {result.Snapshots} snapshot(s) of {result.Repositories} repositories into {store.Display}, fleet schema {FleetSchema.Current}{migrated}" +
                (result.Replaced > 0 ? $"; {result.Replaced} replaced" : string.Empty) +
                (result.Joined > 0 ? $"; {result.Joined} earlier snapshot(s) named by checkout folder now carry the repo's remote name." : "."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Report(TextWriter output)
    {
        var database = DatabaseOption();
        var html = new Option<string?>("--output", "-o") { Description = "Write the HTML page here (default: fleet.html)" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the Markdown summary here ('-' for stdout)" };
        var title = new Option<string>("--title") { Description = "The page's title", DefaultValueFactory = _ => "our services" };
        var today = TodayOption("The date deviations and campaigns are counted from");
        var command = new Command("report", "Write the fleet view: one self-contained HTML page (no server, no CDN) and a Markdown summary.")
        {
            database, html, markdown, title, today,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            MSBuildHost.EnsureRegistered(Environment.CurrentDirectory); // kit versions order by NuGet rules
            FleetHistory history;
            using (var store = FleetStore.Open(parse.GetValue(database)!, readOnly: true))
            {
                history = store.Load();
            }

            var view = FleetModel.Compute(history, ParseToday(parse.GetValue(today)) ?? DateOnly.FromDateTime(DateTime.UtcNow));
            var name = parse.GetValue(title)!;
            var page = parse.GetValue(html) ?? "fleet.html";
            var files = new List<(string Option, string Path, string Content)> { ("--output", page, FleetPage.Render(view, name)) };
            var summary = parse.GetValue(markdown);
            var text = summary is null ? null : FleetMarkdown.Render(view, name);
            if (summary is not null and not "-")
            {
                files.Add(("--markdown", summary, text!));
            }

            ReportFiles.WriteAll(files);
            if (summary == "-")
            {
                await output.WriteAsync(text);
            }
            else
            {
                await output.WriteLineAsync($"Wrote {Path.GetFullPath(page)}{(summary is null ? string.Empty : " and " + Path.GetFullPath(summary))}: {view.Totals.Repositories} repositories, {view.Totals.Projects} projects, coverage {view.Totals.Coverage.ToString("P1", CultureInfo.InvariantCulture)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static DateOnly? ParseToday(string? text) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new CliException(ExitCodes.Usage, $"--today '{text}' is not a yyyy-MM-dd date.");
}
