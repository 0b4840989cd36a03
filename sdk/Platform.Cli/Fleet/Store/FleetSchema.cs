namespace Platform.Cli.Fleet;

/// <summary>
/// The history's schema as an ordered list of migrations (docs/fleet.md shows the result). A new database runs them
/// all; an older one runs those it lacks, in one transaction. A migration is never edited once shipped: add the next.
/// SQL is the subset SQLite and PostgreSQL share; {id} is the dialect's auto-numbered key.
/// </summary>
public static class FleetSchema
{
    public sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "snapshots, projects, findings, deviations",
        [
            "CREATE TABLE fleet_snapshots (id {id}, repository TEXT NOT NULL, date TEXT NOT NULL, tool_version TEXT NOT NULL, source TEXT NOT NULL, ingested_at TEXT NOT NULL, template_drift INTEGER NOT NULL, UNIQUE (repository, date))",
            "CREATE TABLE fleet_projects (snapshot_id INTEGER NOT NULL REFERENCES fleet_snapshots (id) ON DELETE CASCADE, path TEXT NOT NULL, name TEXT NOT NULL, kind TEXT, uses_platform INTEGER NOT NULL, sdk_version TEXT, level TEXT NOT NULL, drift TEXT NOT NULL, up_to_date INTEGER NOT NULL, template_status TEXT, findings INTEGER NOT NULL, baseline_findings INTEGER NOT NULL, baseline_owner TEXT, baseline_target_date TEXT, PRIMARY KEY (snapshot_id, path))",
            "CREATE TABLE fleet_findings (snapshot_id INTEGER NOT NULL REFERENCES fleet_snapshots (id) ON DELETE CASCADE, project_path TEXT NOT NULL, rule_id TEXT NOT NULL, count INTEGER NOT NULL)",
            "CREATE TABLE fleet_deviations (snapshot_id INTEGER NOT NULL REFERENCES fleet_snapshots (id) ON DELETE CASCADE, project_path TEXT NOT NULL, id TEXT NOT NULL, owner TEXT, expires TEXT, status TEXT NOT NULL)",
            "CREATE INDEX fleet_findings_snapshot ON fleet_findings (snapshot_id)",
            "CREATE INDEX fleet_deviations_snapshot ON fleet_deviations (snapshot_id)",
        ]),
        new(2, "owners and staged rules",
        [
            "ALTER TABLE fleet_projects ADD COLUMN owner TEXT",
            "ALTER TABLE fleet_projects ADD COLUMN owner_source TEXT",
            "CREATE TABLE fleet_enforcement (snapshot_id INTEGER NOT NULL REFERENCES fleet_snapshots (id) ON DELETE CASCADE, project_path TEXT NOT NULL, rule_id TEXT NOT NULL, error_from TEXT NOT NULL, mode TEXT NOT NULL)",
            "CREATE INDEX fleet_enforcement_snapshot ON fleet_enforcement (snapshot_id)",
        ]),
    ];

    public static int Current => Migrations[^1].Version;

    /// <summary>The table that says which migrations a database has (one row each).</summary>
    public const string VersionTable = "CREATE TABLE IF NOT EXISTS fleet_schema (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)";
}
