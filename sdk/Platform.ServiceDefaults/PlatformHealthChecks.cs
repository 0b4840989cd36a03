namespace Platform.ServiceDefaults;

/// <summary>Paths and tags of the health endpoints mapped by <c>MapPlatformEndpoints</c>.</summary>
public static class PlatformHealthChecks
{
    /// <summary>Tag of checks that decide liveness (<see cref="LivePath"/>). The built-in <c>self</c> check has it.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of checks that decide readiness (<see cref="ReadyPath"/>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag of checks that decide whether startup finished (<see cref="StartupPath"/>).</summary>
    public const string StartupTag = "startup";

    /// <summary>Liveness endpoint: the process is up and serving requests.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness endpoint: every check tagged <see cref="ReadyTag"/> passes.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Startup endpoint: every check tagged <see cref="StartupTag"/> passes.</summary>
    public const string StartupPath = "/health/startup";

    /// <summary>Common prefix of the health endpoints; requests under it are not traced.</summary>
    public const string PathPrefix = "/health";

    /// <summary>Name of the built-in liveness check.</summary>
    public const string SelfCheckName = "self";
}
