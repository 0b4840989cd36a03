namespace Platform.Analyzers;

/// <summary>
/// The PLAT rule identifiers. An ID is never reused: a retired rule keeps its number
/// (mark it removed in AnalyzerReleases.*.md) and a new rule takes the next free one in its group.
/// </summary>
public static class DiagnosticIds
{
    // 1xxx observability
    public const string UseLoggerInsteadOfConsole = "PLAT1001";
    public const string MissingPlatformDefaults = "PLAT1002";
    public const string MissingPlatformEndpoints = "PLAT1003";
    public const string StaticSerilogLogger = "PLAT1004";

    // 2xxx HTTP
    public const string HttpClientInstantiation = "PLAT2001";

    // 3xxx time and testability
    public const string SystemClock = "PLAT3001";

    // 4xxx security and configuration
    public const string HardcodedSecret = "PLAT4001";
    public const string EnvironmentVariableRead = "PLAT4002";

    // 5xxx async
    public const string BlockingTaskWait = "PLAT5001";
    public const string ThreadSleep = "PLAT5002";
    public const string FireAndForgetTask = "PLAT5003";

    // 9xxx governance
    public const string NullableDisabled = "PLAT9001";
    public const string TelemetryOptOut = "PLAT9002";
    public const string SuppressedPlatformRule = "PLAT9003";
}
