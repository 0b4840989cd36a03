namespace Platform.Cli.Fleet;

/// <summary>The PLAT0450–PLAT0469 codes of the fleet view (docs/errors.md). A code is never reused for another meaning.</summary>
public static class FleetCodes
{
    /// <summary>An input file is not an audit report (not JSON, or a required field is missing or wrong).</summary>
    public const string MalformedAuditFile = "PLAT0450";

    /// <summary>An audit report of a newer schema than this tool reads.</summary>
    public const string NewerAuditSchema = "PLAT0451";

    /// <summary>The history already holds a snapshot of that repository on that date (or the input holds two).</summary>
    public const string DuplicateSnapshot = "PLAT0452";

    /// <summary>The database was written by a newer tool (its schema version is higher than this tool knows).</summary>
    public const string NewerDatabaseSchema = "PLAT0453";

    /// <summary>The database cannot be opened or reached, or a statement failed.</summary>
    public const string DatabaseUnavailable = "PLAT0454";

    /// <summary>Nothing to ingest: no audit file and no checkout found.</summary>
    public const string NothingToIngest = "PLAT0455";

    /// <summary>The history has no snapshot to report on.</summary>
    public const string EmptyHistory = "PLAT0456";

    /// <summary>A project with no owner (neither PlatformOwner nor CODEOWNERS): a finding of the fleet view.</summary>
    public const string UnownedProject = "PLAT0457";

    /// <summary>A checkout could not be audited (no project, no SDK): it is skipped and named.</summary>
    public const string CheckoutNotAudited = "PLAT0458";
}
