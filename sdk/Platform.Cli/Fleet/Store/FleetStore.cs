using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Fleet;

/// <summary>
/// The fleet's history: a SQLite file by default, or PostgreSQL when the database is a connection string
/// (<c>Host=…</c>). The same schema (<see cref="FleetSchema"/>) and the same SQL through ADO.NET for both; only the
/// bulk rows differ (<see cref="IFleetRowWriter"/>: prepared INSERTs into SQLite, binary COPY into PostgreSQL). Opening
/// migrates an older database; a newer one is refused. Ingest is one transaction: all snapshots or none.
/// </summary>
public sealed class FleetStore : IDisposable
{
    private readonly DbConnection _connection;
    private readonly bool _postgres;

    private FleetStore(DbConnection connection, bool postgres, string display)
    {
        _connection = connection;
        _postgres = postgres;
        Display = display;
    }

    /// <summary>The database as messages name it (a file path, or host/database without the password).</summary>
    public string Display { get; }

    /// <summary>The schema version the database had when it was opened (0: new), and what it has now.</summary>
    public int OpenedAtVersion { get; private set; }

    public static bool IsConnectionString(string database) =>
        database.Contains('=', StringComparison.Ordinal) && database.Contains("Host", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (creating a SQLite file when missing) and migrates. <paramref name="readOnly"/>: refuse to create or migrate.</summary>
    public static FleetStore Open(string database, bool readOnly = false)
    {
        FleetStore store;
        if (IsConnectionString(database))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(database);
            }
            catch (ArgumentException ex)
            {
                throw Unavailable("the PostgreSQL connection string", ex.Message);
            }

            var display = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
            var connection = new NpgsqlConnection(database);
            store = new FleetStore(connection, postgres: true, display);
        }
        else
        {
            var path = Path.GetFullPath(database);
            if (Directory.Exists(path))
            {
                throw Unavailable(path, "it is a folder; pass a file name such as fleet.db");
            }

            if (readOnly && !File.Exists(path))
            {
                throw new CliException(ExitCodes.FleetDatabaseError, $"{FleetCodes.EmptyHistory}: {path} does not exist. Run `platform fleet ingest --database {database} …` first.");
            }

            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, ForeignKeys = false }.ToString());
            store = new FleetStore(connection, postgres: false, path);
        }

        try
        {
            store._connection.Open();
            store.Migrate(readOnly);
            return store;
        }
        catch (DbException ex)
        {
            store.Dispose();
            throw Unavailable(store.Display, ex.Message);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public int SchemaVersion => Scalar<int?>("SELECT MAX(version) FROM fleet_schema") ?? 0;

    /// <summary>Writes the snapshots, read as they are enumerated, in one transaction: any failure (a bad file, a
    /// duplicate) rolls all of it back. A snapshot of a repository and date already held is PLAT0452, unless
    /// <paramref name="replace"/>; then the old one is deleted first.</summary>
    public IngestResult Ingest(IEnumerable<(string Source, FleetSnapshot Snapshot)> snapshots, bool replace)
    {
        var seen = new Dictionary<(string, DateOnly), string>();
        var replaced = 0;
        var joined = 0;
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var find = Command("SELECT id FROM fleet_snapshots WHERE repository = @repository AND date = @date", transaction, "repository", "date");
            using var delete = Command("DELETE FROM fleet_snapshots WHERE id = @id", transaction, "id");
            using var deleteChildren = FleetRowTable.All.Select(t => Command($"DELETE FROM {t.Name} WHERE snapshot_id = @id", transaction, "id")).ToDisposableList();
            using var snapshot = Command(
                "INSERT INTO fleet_snapshots (repository, date, tool_version, source, ingested_at, template_drift) VALUES (@repository, @date, @tool, @source, @ingested, @drift) RETURNING id",
                transaction, "repository", "date", "tool", "source", "ingested", "drift");
            using IFleetRowWriter rows = _postgres ? new PostgresCopyWriter((NpgsqlConnection)_connection) : new InsertWriter(this, transaction);
            var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

            foreach (var (source, s) in snapshots)
            {
                if (!seen.TryAdd((s.Repository, s.Date), source))
                {
                    throw Duplicate(s.Repository, s.Date, $"the input holds it twice ({seen[(s.Repository, s.Date)]}, {source})");
                }

                var date = Iso(s.Date);
                if (Run(find, s.Repository, date).ExecuteScalar() is { } existing and not DBNull)
                {
                    if (!replace)
                    {
                        throw Duplicate(s.Repository, s.Date, $"the history already holds it ({source} would add it again)");
                    }

                    foreach (var child in deleteChildren)
                    {
                        Run(child, existing).ExecuteNonQuery();
                    }

                    Run(delete, existing).ExecuteNonQuery();
                    replaced++;
                }

                var id = Convert.ToInt64(Run(snapshot, s.Repository, date, s.ToolVersion, source, now, s.TemplateDrift).ExecuteScalar(), CultureInfo.InvariantCulture);
                foreach (var p in s.Projects)
                {
                    rows.Add(FleetRowTable.Projects, id, p.Path, p.Name, p.Kind, p.UsesPlatformSdk ? 1 : 0, p.SdkVersion, p.Level, p.Drift, p.IsUpToDate ? 1 : 0, p.TemplateStatus,
                        p.FindingCount, p.BaselineFindings, p.BaselineOwner, p.BaselineTargetDate, p.Owner, p.OwnerSource);
                    foreach (var f in p.Findings)
                    {
                        rows.Add(FleetRowTable.Findings, id, p.Path, f.RuleId, f.Count);
                    }

                    foreach (var d in p.Deviations)
                    {
                        rows.Add(FleetRowTable.Deviations, id, p.Path, d.Id, d.Owner, d.Expires, d.Status);
                    }

                    foreach (var e in p.Enforcement)
                    {
                        rows.Add(FleetRowTable.Enforcement, id, p.Path, e.RuleId, e.ErrorFrom, e.Mode);
                    }
                }
            }

            rows.Flush();
            joined = JoinFolderNamedHistories(transaction);
            transaction.Commit();
        }
        catch (DbException ex)
        {
            throw Unavailable(Display, ex.Message + " Nothing was ingested.");
        }

        return new IngestResult(seen.Count, seen.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal).Count(), replaced, joined);
    }

    /// <summary>SQLite's bulk path: one prepared INSERT per row, in process.</summary>
    private sealed class InsertWriter(FleetStore store, DbTransaction transaction) : IFleetRowWriter
    {
        private readonly Dictionary<FleetRowTable, DbCommand> _inserts = [];

        public void Add(FleetRowTable table, params object?[] row)
        {
            if (!_inserts.TryGetValue(table, out var insert))
            {
                _inserts[table] = insert = store.Command(
                    $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select(c => "@" + c))})", transaction, [.. table.Columns]);
            }

            Run(insert, row).ExecuteNonQuery();
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
            foreach (var insert in _inserts.Values)
            {
                insert.Dispose();
            }
        }
    }

    /// <summary>
    /// Audits used to name a repo by its checkout folder (orders); now by its origin remote (github.com/contoso/orders).
    /// A folder-named history joins the one remote-named repo that ends with that name; with several (two
    /// organisations' <c>api</c> repos) it stays apart. A date both names hold keeps the remote-named snapshot.
    /// </summary>
    private int JoinFolderNamedHistories(DbTransaction transaction)
    {
        var repositories = Repositories(transaction);
        using var join = Command(
            "UPDATE fleet_snapshots SET repository = @to WHERE repository = @from AND date NOT IN (SELECT date FROM fleet_snapshots WHERE repository = @to)",
            transaction, "to", "from");
        var joined = 0;
        foreach (var folder in repositories.Where(r => !r.Contains('/')))
        {
            var remoteNamed = repositories.Where(r => r.EndsWith("/" + folder, StringComparison.Ordinal)).Take(2).ToList();
            if (remoteNamed.Count == 1)
            {
                joined += Run(join, remoteNamed[0], folder).ExecuteNonQuery();
            }
        }

        return joined;
    }

    private HashSet<string> Repositories(DbTransaction transaction)
    {
        using var command = Command("SELECT DISTINCT repository FROM fleet_snapshots", transaction);
        using var reader = command.ExecuteReader();
        var repositories = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            repositories.Add(reader.GetString(0));
        }

        return repositories;
    }

    /// <summary>Every snapshot's counts (aggregated in SQL) and the newest snapshot of each repository in full.</summary>
    public FleetHistory Load()
    {
        try
        {
            var snapshots = new Dictionary<long, (string Repo, DateOnly Date, string Tool, int Drift)>();
            using (var reader = Query("SELECT id, repository, date, tool_version, template_drift FROM fleet_snapshots"))
            {
                while (reader.Read())
                {
                    snapshots[reader.GetInt64(0)] = (reader.GetString(1), ParseDate(reader.GetString(2)), reader.GetString(3), reader.GetInt32(4));
                }
            }

            var counts = snapshots.Keys.ToDictionary(id => id, _ => new int[5]);
            var versions = snapshots.Keys.ToDictionary(id => id, _ => new Dictionary<string, int>(StringComparer.Ordinal));
            using (var reader = Query(
                "SELECT snapshot_id, sdk_version, COUNT(*), SUM(uses_platform), SUM(up_to_date), SUM(findings), SUM(baseline_findings), " +
                "SUM(CASE WHEN uses_platform = 1 AND sdk_version IS NOT NULL THEN 1 ELSE 0 END) FROM fleet_projects GROUP BY snapshot_id, sdk_version"))
            {
                while (reader.Read())
                {
                    var c = counts[reader.GetInt64(0)];
                    for (var i = 0; i < 5; i++)
                    {
                        c[i] += Convert.ToInt32(reader.GetValue(2 + i), CultureInfo.InvariantCulture);
                    }

                    var versioned = Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture);
                    if (versioned > 0)
                    {
                        versions[reader.GetInt64(0)][reader.GetString(1)] = versioned;
                    }
                }
            }

            var summaries = snapshots.Select(s => new SnapshotSummary(s.Value.Repo, s.Value.Date, counts[s.Key][0], counts[s.Key][1], counts[s.Key][2], counts[s.Key][3], counts[s.Key][4], versions[s.Key]))
                .OrderBy(s => s.Date).ThenBy(s => s.Repository, StringComparer.Ordinal).ToList();
            var latestIds = snapshots.GroupBy(s => s.Value.Repo, StringComparer.Ordinal).Select(g => g.MaxBy(s => s.Value.Date).Key).ToHashSet();
            return new FleetHistory(summaries, LoadSnapshots(latestIds, snapshots).OrderBy(s => s.Repository, StringComparer.Ordinal).ToList());
        }
        catch (DbException ex)
        {
            throw Unavailable(Display, ex.Message);
        }
    }

    public void Dispose() => _connection.Dispose();

    private List<FleetSnapshot> LoadSnapshots(HashSet<long> ids, Dictionary<long, (string Repo, DateOnly Date, string Tool, int Drift)> snapshots)
    {
        var findings = Children("SELECT snapshot_id, project_path, rule_id, count FROM fleet_findings", ids, r => new FleetFinding(r.GetString(2), r.GetInt32(3)));
        var deviations = Children("SELECT snapshot_id, project_path, id, owner, expires, status FROM fleet_deviations", ids, r => new FleetDeviation(r.GetString(2), Text(r, 3), Text(r, 4), r.GetString(5)));
        var staged = Children("SELECT snapshot_id, project_path, rule_id, error_from, mode FROM fleet_enforcement", ids, r => new FleetStagedRule(r.GetString(2), r.GetString(3), r.GetString(4)));
        var projects = ids.ToDictionary(id => id, _ => new List<FleetProject>());
        using (var reader = Query("SELECT snapshot_id, path, name, kind, uses_platform, sdk_version, level, drift, template_status, baseline_findings, baseline_owner, baseline_target_date, owner, owner_source FROM fleet_projects WHERE snapshot_id IN (" + LatestIds + ") ORDER BY snapshot_id, path"))
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!ids.Contains(id))
                {
                    continue;
                }

                var path = reader.GetString(1);
                var key = (id, path);
                projects[id].Add(new FleetProject(path, reader.GetString(2), Text(reader, 3), Text(reader, 12), Text(reader, 13), reader.GetInt32(4) == 1, Text(reader, 5), reader.GetString(6), reader.GetString(7),
                    Text(reader, 8), reader.GetInt32(9), Text(reader, 10), Text(reader, 11),
                    findings.GetValueOrDefault(key) ?? [], deviations.GetValueOrDefault(key) ?? [], staged.GetValueOrDefault(key) ?? []));
            }
        }

        return ids.Select(id => new FleetSnapshot(snapshots[id].Repo, snapshots[id].Date, snapshots[id].Tool, projects[id], snapshots[id].Drift)).ToList();
    }

    /// <summary>The newest snapshot of each repository.</summary>
    private const string LatestIds = "SELECT s.id FROM fleet_snapshots s WHERE s.date = (SELECT MAX(l.date) FROM fleet_snapshots l WHERE l.repository = s.repository)";

    private Dictionary<(long, string), List<T>> Children<T>(string sql, HashSet<long> ids, Func<DbDataReader, T> read)
    {
        var result = new Dictionary<(long, string), List<T>>();
        using var reader = Query(sql + " WHERE snapshot_id IN (" + LatestIds + ")");
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (ids.Contains(id))
            {
                var key = (id, reader.GetString(1));
                if (!result.TryGetValue(key, out var list))
                {
                    result[key] = list = [];
                }

                list.Add(read(reader));
            }
        }

        return result;
    }

    private void Migrate(bool readOnly)
    {
        if (!readOnly)
        {
            Execute(FleetSchema.VersionTable);
        }
        else if (!TableExists("fleet_schema"))
        {
            throw new CliException(ExitCodes.FleetDatabaseError, $"{FleetCodes.EmptyHistory}: {Display} holds no fleet history. Run `platform fleet ingest` first.");
        }

        OpenedAtVersion = SchemaVersion;
        if (OpenedAtVersion > FleetSchema.Current)
        {
            throw new CliException(ExitCodes.FleetDatabaseError,
                $"{FleetCodes.NewerDatabaseSchema}: {Display} has fleet schema {OpenedAtVersion}; this tool knows up to {FleetSchema.Current}. Update the platform tool (dotnet tool update Platform.Cli); the database was left as it is.");
        }

        var pending = FleetSchema.Migrations.Where(m => m.Version > OpenedAtVersion).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        if (readOnly)
        {
            throw new CliException(ExitCodes.FleetDatabaseError,
                $"{FleetCodes.NewerDatabaseSchema}: {Display} has fleet schema {OpenedAtVersion}, older than this tool's {FleetSchema.Current}. Run `platform fleet ingest` once (it migrates), then report.");
        }

        using var transaction = _connection.BeginTransaction();
        foreach (var migration in pending)
        {
            foreach (var statement in migration.Statements)
            {
                Execute(statement.Replace("{id}", _postgres ? "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY", StringComparison.Ordinal), transaction);
            }

            using var record = Command("INSERT INTO fleet_schema (version, description, applied_at) VALUES (@v, @d, @at)", transaction, "v", "d", "at");
            Run(record, migration.Version, migration.Description, DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private bool TableExists(string table) => _postgres
        ? Scalar<long?>($"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{table}'") > 0
        : Scalar<long?>($"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") > 0;

    private T? Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    private void Execute(string sql, DbTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private DbDataReader Query(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    private DbCommand Command(string sql, DbTransaction transaction, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Sets the command's parameters in order (null becomes DBNull) and returns it.</summary>
    private static DbCommand Run(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CliException Duplicate(string repository, DateOnly date, string why) => new(ExitCodes.FleetSnapshotExists,
        $"{FleetCodes.DuplicateSnapshot}: a snapshot of {repository} on {Iso(date)} exists: {why}. Nothing was ingested. Pass --replace to replace it, or leave the file out.");

    private static CliException Unavailable(string database, string why) => new(ExitCodes.FleetDatabaseError,
        $"{FleetCodes.DatabaseUnavailable}: the fleet database {database} cannot be used: {why} Check the path or connection string (and that the server is up), then run again.");
}

/// <summary>How many snapshots of how many repositories an ingest wrote, and how many of them replaced one.</summary>
/// <param name="Joined">Earlier snapshots named by checkout folder that now carry the repo's remote name.</param>
public sealed record IngestResult(int Snapshots, int Repositories, int Replaced, int Joined = 0);

internal static class DisposableList
{
    public static DisposableList<T> ToDisposableList<T>(this IEnumerable<T> items) where T : IDisposable => new([.. items]);
}

internal sealed class DisposableList<T>(List<T> items) : List<T>(items), IDisposable where T : IDisposable
{
    public void Dispose() => ForEach(i => i.Dispose());
}
