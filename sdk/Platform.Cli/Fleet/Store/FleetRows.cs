namespace Platform.Cli.Fleet;

/// <summary>A table the ingest fills row by row (the projects and what each holds), with its columns in the order a
/// row gives its values. The tables themselves are created by <see cref="FleetSchema"/>.</summary>
internal sealed class FleetRowTable(string name, params string[] columns)
{
    public static readonly FleetRowTable Projects = new("fleet_projects", "snapshot_id", "path", "name", "kind", "uses_platform", "sdk_version", "level", "drift",
        "up_to_date", "template_status", "findings", "baseline_findings", "baseline_owner", "baseline_target_date", "owner", "owner_source");

    public static readonly FleetRowTable Findings = new("fleet_findings", "snapshot_id", "project_path", "rule_id", "count");

    public static readonly FleetRowTable Deviations = new("fleet_deviations", "snapshot_id", "project_path", "id", "owner", "expires", "status");

    public static readonly FleetRowTable Enforcement = new("fleet_enforcement", "snapshot_id", "project_path", "rule_id", "error_from", "mode");

    /// <summary>Every table that hangs off a snapshot (deleted with it on --replace).</summary>
    public static IReadOnlyList<FleetRowTable> All { get; } = [Projects, Findings, Deviations, Enforcement];

    public string Name { get; } = name;

    public IReadOnlyList<string> Columns { get; } = columns;

    public string ColumnList => string.Join(", ", Columns);
}

/// <summary>Where the ingest writes those rows, inside its transaction: values are text, integers or null.
/// <see cref="Flush"/> before the rows are read back or the transaction commits.</summary>
internal interface IFleetRowWriter : IDisposable
{
    void Add(FleetRowTable table, params object?[] row);

    void Flush();
}
