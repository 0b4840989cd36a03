namespace Platform.Cli.Infrastructure;

/// <summary>The process exit codes of every command; docs/cli.md lists them. Never reused, never renumbered.</summary>
public static class ExitCodes
{
    /// <summary>Everything ran and nothing failed.</summary>
    public const int Success = 0;

    /// <summary>The check failed: a project is below <c>--min-level</c> (audit), a setup check failed (doctor).</summary>
    public const int CheckFailed = 1;

    /// <summary>Invalid command line: unknown option, bad value.</summary>
    public const int Usage = 2;

    /// <summary>The path given does not exist.</summary>
    public const int PathNotFound = 3;

    /// <summary>No project (.sln/.slnx entries or **/*.csproj outside bin/obj) was found.</summary>
    public const int NoProjects = 4;

    /// <summary>At least one project did not evaluate (MSBuild error, SDK not resolved). The report is still printed.</summary>
    public const int EvaluationFailed = 5;

    /// <summary>No .NET SDK (MSBuild) was found for the repo's global.json.</summary>
    public const int SdkNotFound = 6;

    /// <summary>The package feed could not be read and a command needs it (upgrade without --to).</summary>
    public const int FeedUnavailable = 7;

    /// <summary>upgrade: writing a file, or the code fixes (dotnet format), failed.</summary>
    public const int UpgradeFailed = 8;

    /// <summary>A file or folder could not be read or written (permissions, a dangling or outside-the-repo link, a full disk).
    /// The message names the path and the fix; a multi-file edit has changed nothing.</summary>
    public const int IoError = 9;

    /// <summary>A repo file the command reads is broken: a solution lists a project file that does not exist, a global.json
    /// is not JSON. The message names the file and the fix.</summary>
    public const int InvalidRepoFile = 10;

    /// <summary>The command was cancelled (Ctrl-C): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;

    /// <summary>The baseline (.platform/baseline.json) is missing where needed, unreadable or invalid (PLAT0400/PLAT0401).</summary>
    public const int BaselineInvalid = 11;

    /// <summary>The baseline has grown since it was last recorded (PLAT0402).</summary>
    public const int BaselineGrown = 12;

    /// <summary>A build or restore the command ran failed for a reason it cannot fix (the repo is left as it was).</summary>
    public const int BuildFailed = 13;

    /// <summary>adopt: no project of the repo could be moved onto the kit (each one's reason is printed).</summary>
    public const int NothingToAdopt = 14;

    /// <summary>fleet: an input is not an audit report, is of a newer schema, or there is nothing to ingest (PLAT0450, PLAT0451, PLAT0455).
    /// Nothing was ingested.</summary>
    public const int FleetInputInvalid = 15;

    /// <summary>fleet ingest: the history already holds a snapshot of that repository on that date (PLAT0452); --replace replaces it.</summary>
    public const int FleetSnapshotExists = 16;

    /// <summary>fleet: the database cannot be opened, reached or migrated, or was written by a newer tool (PLAT0453, PLAT0454), or holds
    /// no snapshot to report on (PLAT0456).</summary>
    public const int FleetDatabaseError = 17;

    /// <summary>sync: the merge left conflicts (standard conflict markers, listed); everything else was written (PLAT0478).</summary>
    public const int SyncConflicts = 18;

    /// <summary>sync: a template version is not in the feed, or could not be installed or rendered; nothing was changed (PLAT0472, PLAT0475).</summary>
    public const int TemplateUnavailable = 19;

    /// <summary>sync: the repo cannot be synced as it is: no template stamp, not a git work tree, uncommitted changes without
    /// --force, a stamp that is not where its template writes it (PLAT0470, PLAT0473, PLAT0474, PLAT0477); nothing was changed.</summary>
    public const int SyncRefused = 20;

    /// <summary>A bug in the tool: the message says what happened; --verbose adds the stack trace.</summary>
    public const int InternalError = 70;
}

/// <summary>An expected failure: its message is printed as is (no stack trace) and the process exits with the code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
