using Microsoft.Data.Sqlite;
using Platform.Cli.Fleet;
using Platform.Cli.Infrastructure;
using Platform.Cli.Tests.Infrastructure;
using static Platform.Cli.Tests.Fleet.FleetHistories;

namespace Platform.Cli.Tests.Fleet;

/// <summary>`platform fleet ingest` on audit files into SQLite: dated snapshots, one transaction, coded refusals.</summary>
public sealed class FleetIngestTests
{
    private readonly string _folder = TempFolder("ingest");

    private string Database => Path.Combine(_folder, "fleet.db");

    [Fact]
    public async Task Ingested_audit_files_load_back_as_the_same_history_the_model_computes_from()
    {
        var files = WriteAuditFiles(Path.Combine(_folder, "audits"), TwoRepos());

        var result = await InProcessCli.RunAsync(["fleet", "ingest", .. files, "--database", Database]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Ingested 6 snapshot(s) of 2 repositories", result.Output, StringComparison.Ordinal);
        using var store = FleetStore.Open(Database);
        AssertSameHistory(FleetHistory.From(TwoRepos()), store.Load());
    }

    [Fact]
    public async Task A_folder_of_audit_files_is_read_recursively()
    {
        WriteAuditFiles(Path.Combine(_folder, "audits", "repo-a"), TwoRepos().Where(s => s.Repository == "repo-a"));
        WriteAuditFiles(Path.Combine(_folder, "audits", "repo-b"), TwoRepos().Where(s => s.Repository == "repo-b"));

        var result = await InProcessCli.RunAsync("fleet", "ingest", Path.Combine(_folder, "audits"), "--database", Database);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(6, Count("fleet_snapshots"));
        Assert.Equal(12, Count("fleet_projects"));
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 1, \"date\": ", "PLAT0450")]
    [InlineData("[]", "PLAT0450")]
    [InlineData("{ \"tool\": {} }", "PLAT0450")]
    [InlineData("{ \"schemaVersion\": 1, \"date\": \"yesterday\", \"projects\": [] }", "PLAT0450")]
    [InlineData("{ \"schemaVersion\": 1, \"date\": \"2026-01-05\", \"projects\": [ { \"level\": \"platinum\" } ] }", "PLAT0450")]
    [InlineData("{ \"schemaVersion\": 2, \"date\": \"2026-01-05\", \"projects\": [] }", "PLAT0451")]
    public async Task A_bad_file_among_good_ones_is_refused_with_its_code_and_nothing_is_ingested(string text, string code)
    {
        var files = WriteAuditFiles(Path.Combine(_folder, "audits"), TwoRepos()).ToList();
        var bad = Path.Combine(_folder, "audits", "zz-bad.json");
        await File.WriteAllTextAsync(bad, text);

        var result = await InProcessCli.RunAsync(["fleet", "ingest", .. files, bad, "--database", Database]);

        Assert.Equal(ExitCodes.FleetInputInvalid, result.ExitCode);
        Assert.Contains(code + ": " + bad, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
        Assert.Equal(0, Count("fleet_snapshots")); // the good files read before the bad one were rolled back
        Assert.Equal(0, Count("fleet_projects"));
    }

    [Fact]
    public async Task A_duplicate_snapshot_is_refused_and_the_history_is_unchanged_until_replace_is_asked_for()
    {
        var files = WriteAuditFiles(Path.Combine(_folder, "audits"), TwoRepos());
        Assert.Equal(0, (await InProcessCli.RunAsync("fleet", "ingest", files[0], "--database", Database)).ExitCode);

        // The new file is ingested first in the batch; the duplicate after it rolls the whole batch back.
        var again = await InProcessCli.RunAsync("fleet", "ingest", files[1], files[0], "--database", Database);

        Assert.Equal(ExitCodes.FleetSnapshotExists, again.ExitCode);
        Assert.Contains("PLAT0452: a snapshot of repo-a on 2026-01-05 exists", again.Error, StringComparison.Ordinal);
        Assert.False(again.HasStackTrace, again.ToString());
        Assert.Equal(1, Count("fleet_snapshots"));
        Assert.Equal(2, Count("fleet_projects"));

        var replaced = await InProcessCli.RunAsync("fleet", "ingest", files[1], files[0], "--database", Database, "--replace");
        Assert.Equal(0, replaced.ExitCode);
        Assert.Contains("1 replaced", replaced.Output, StringComparison.Ordinal);
        Assert.Equal(2, Count("fleet_snapshots"));
        Assert.Equal(4, Count("fleet_projects"));
    }

    [Fact]
    public async Task The_same_repo_and_date_twice_in_one_input_is_a_duplicate_too()
    {
        var files = WriteAuditFiles(Path.Combine(_folder, "a"), TwoRepos().Take(1)).Concat(WriteAuditFiles(Path.Combine(_folder, "b"), TwoRepos().Take(1))).ToList();

        var result = await InProcessCli.RunAsync(["fleet", "ingest", .. files, "--database", Database]);

        Assert.Equal(ExitCodes.FleetSnapshotExists, result.ExitCode);
        Assert.Contains("the input holds it twice", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_of_the_first_schema_is_migrated_and_keeps_its_snapshots()
    {
        // Schema 1 as the first migration wrote it, with one snapshot in it (no owners, no staged rules).
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            Execute(connection, FleetSchema.VersionTable);
            foreach (var statement in FleetSchema.Migrations[0].Statements)
            {
                Execute(connection, statement.Replace("{id}", "INTEGER PRIMARY KEY", StringComparison.Ordinal));
            }

            Execute(connection, "INSERT INTO fleet_schema VALUES (1, 'snapshots, projects, findings, deviations', '2026-01-01T00:00:00Z')");
            Execute(connection, "INSERT INTO fleet_snapshots VALUES (1, 'legacy', '2025-12-29', '0.9.0', 'old.json', '2026-01-01T00:00:00Z', 0)");
            Execute(connection, "INSERT INTO fleet_projects VALUES (1, 'src/L/L.csproj', 'L', 'web', 1, '1.0.0', 'gold', 'current', 1, NULL, 0, 0, NULL, NULL)");
        }

        var files = WriteAuditFiles(Path.Combine(_folder, "audits"), TwoRepos());
        var result = await InProcessCli.RunAsync(["fleet", "ingest", .. files, "--database", Database]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("migrated from schema 1", result.Output, StringComparison.Ordinal);
        using var store = FleetStore.Open(Database);
        Assert.Equal(FleetSchema.Current, store.SchemaVersion);
        var history = store.Load();
        var legacy = Assert.Single(history.Latest, s => s.Repository == "legacy");
        Assert.Null(Assert.Single(legacy.Projects).Owner);
        Assert.Equal("team-a", history.Latest.Single(s => s.Repository == "repo-a").Projects[0].Owner);
    }

    [Fact]
    public async Task Snapshots_named_by_checkout_folder_join_the_repo_once_audits_name_it_by_remote_and_same_named_repos_stay_apart()
    {
        // Last year's audits named repos by folder; this year's by origin remote. Two organisations both have an `api`.
        var all = TwoRepos().ToList();
        var ordersBefore = all.Where(s => s.Repository == "repo-a").ToList();
        var ordersAfter = ordersBefore.Select(s => s with { Repository = "github.com/contoso/repo-a", Date = s.Date.AddYears(1) }).ToList();
        var api = all.First(s => s.Repository == "repo-b");
        WriteAuditFiles(Path.Combine(_folder, "before"), [.. ordersBefore, api with { Repository = "api" }]);
        WriteAuditFiles(Path.Combine(_folder, "after"), [.. ordersAfter, api with { Repository = "github.com/contoso/api" }, api with { Repository = "github.com/fabrikam/api" }]);

        var first = await InProcessCli.RunAsync("fleet", "ingest", Path.Combine(_folder, "before"), "--database", Database);
        var second = await InProcessCli.RunAsync("fleet", "ingest", Path.Combine(_folder, "after"), "--database", Database);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"{ordersBefore.Count} earlier snapshot(s) named by checkout folder now carry the repo's remote name", second.Output, StringComparison.Ordinal);
        using var store = FleetStore.Open(Database);
        var history = store.Load();
        Assert.Equal(["api", "github.com/contoso/api", "github.com/contoso/repo-a", "github.com/fabrikam/api"], history.Latest.Select(s => s.Repository).Order(StringComparer.Ordinal));
        Assert.Equal(ordersBefore.Count * 2, Count("fleet_snapshots WHERE repository = 'github.com/contoso/repo-a'"));
        Assert.Equal(1, Count("fleet_snapshots WHERE repository = 'github.com/fabrikam/api'"));
    }

    [Fact]
    public async Task A_database_from_a_newer_tool_is_refused_and_left_as_it_is()
    {
        using (var store = FleetStore.Open(Database))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "INSERT INTO fleet_schema VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
        }

        var before = await File.ReadAllBytesAsync(Database);
        var files = WriteAuditFiles(Path.Combine(_folder, "audits"), TwoRepos());
        var ingest = await InProcessCli.RunAsync(["fleet", "ingest", .. files, "--database", Database]);
        var report = await InProcessCli.RunAsync("fleet", "report", "--database", Database, "--output", Path.Combine(_folder, "fleet.html"));

        foreach (var result in new[] { ingest, report })
        {
            Assert.Equal(ExitCodes.FleetDatabaseError, result.ExitCode);
            Assert.Contains("PLAT0453", result.Error, StringComparison.Ordinal);
            Assert.Contains("schema 99", result.Error, StringComparison.Ordinal);
            Assert.False(result.HasStackTrace, result.ToString());
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(Database));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_and_a_missing_history_get_clear_codes()
    {
        var notDatabase = Path.Combine(_folder, "notes.db");
        await File.WriteAllTextAsync(notDatabase, "this is not SQLite, just text long enough to have a header of sorts......");
        var files = WriteAuditFiles(Path.Combine(_folder, "audits"), TwoRepos().Take(1));

        var ingest = await InProcessCli.RunAsync("fleet", "ingest", files[0], "--database", notDatabase);
        var report = await InProcessCli.RunAsync("fleet", "report", "--database", Path.Combine(_folder, "missing.db"));
        var nothing = await InProcessCli.RunAsync("fleet", "ingest", "--database", Database);

        Assert.Equal((ExitCodes.FleetDatabaseError, ExitCodes.FleetDatabaseError, ExitCodes.FleetInputInvalid), (ingest.ExitCode, report.ExitCode, nothing.ExitCode));
        Assert.Contains("PLAT0454", ingest.Error, StringComparison.Ordinal);
        Assert.Contains("PLAT0456", report.Error, StringComparison.Ordinal);
        Assert.Contains("PLAT0455", nothing.Error, StringComparison.Ordinal);
        Assert.All(new[] { ingest, report, nothing }, r => Assert.False(r.HasStackTrace, r.ToString()));
    }

    internal static void AssertSameHistory(FleetHistory expected, FleetHistory actual)
    {
        Assert.Equal(expected.Snapshots.Count, actual.Snapshots.Count);
        foreach (var (e, a) in expected.Snapshots.Zip(actual.Snapshots))
        {
            Assert.Equal((e.Repository, e.Date, e.Projects, e.PlatformProjects, e.UpToDate, e.Findings, e.BaselineFindings), (a.Repository, a.Date, a.Projects, a.PlatformProjects, a.UpToDate, a.Findings, a.BaselineFindings));
            Assert.Equal(e.Versions.OrderBy(v => v.Key), a.Versions.OrderBy(v => v.Key));
        }

        Assert.Equal(expected.Latest.Count, actual.Latest.Count);
        foreach (var (e, a) in expected.Latest.Zip(actual.Latest))
        {
            Assert.Equal((e.Repository, e.Date, e.TemplateDrift), (a.Repository, a.Date, a.TemplateDrift));
            Assert.Equal(e.Projects.Count, a.Projects.Count);
            foreach (var (ep, ap) in e.Projects.OrderBy(p => p.Path).Zip(a.Projects.OrderBy(p => p.Path)))
            {
                Assert.Equal(ep with { Findings = [], Deviations = [], Enforcement = [] }, ap with { Findings = [], Deviations = [], Enforcement = [] });
                Assert.Equal(ep.Findings, ap.Findings);
                Assert.Equal(ep.Deviations, ap.Deviations);
                Assert.Equal(ep.Enforcement, ap.Enforcement);
            }
        }
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + table;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
