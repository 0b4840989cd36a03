using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Platform.Analyzers;

/// <summary>All PLAT diagnostic descriptors, one per rule. Categories follow the ID group.</summary>
public static class Rules
{
    public const string HelpLinkBase = "https://github.com/platform/platform-sdk/blob/main/docs/rules/";

    public static class Categories
    {
        public const string Observability = "Platform.Observability";
        public const string Http = "Platform.Http";
        public const string Time = "Platform.Time";
        public const string Security = "Platform.Security";
        public const string Async = "Platform.Async";
        public const string Governance = "Platform.Governance";
    }

    public static readonly DiagnosticDescriptor UseLoggerInsteadOfConsole = Create(
        DiagnosticIds.UseLoggerInsteadOfConsole, Categories.Observability,
        "Use ILogger<T> instead of console or trace output",
        "'{0}' writes around the logging pipeline; log through ILogger<T> so the output is structured, leveled and exported",
        "Console, Trace and Debug output bypasses the logging pipeline: it has no level, no structure, no trace correlation and is not exported to the telemetry backend.");

    public static readonly DiagnosticDescriptor MissingPlatformDefaults = Create(
        DiagnosticIds.MissingPlatformDefaults, Categories.Observability,
        "Call AddPlatformDefaults on the host builder",
        "The host builder created by '{0}' never calls AddPlatformDefaults(); telemetry, health checks and resilience defaults are not wired",
        "AddPlatformDefaults (Platform.ServiceDefaults) wires OpenTelemetry traces, metrics and logs over OTLP, health checks, the standard HTTP resilience handler and graceful shutdown. A service host without it runs blind.");

    public static readonly DiagnosticDescriptor MissingPlatformEndpoints = Create(
        DiagnosticIds.MissingPlatformEndpoints, Categories.Observability,
        "Call MapPlatformEndpoints on the web application",
        "The web application built here never calls MapPlatformEndpoints(); the health and readiness probes are not exposed",
        "MapPlatformEndpoints exposes the liveness and readiness endpoints the platform probes. Without them the orchestrator cannot tell whether the service is healthy.");

    public static readonly DiagnosticDescriptor StaticSerilogLogger = Create(
        DiagnosticIds.StaticSerilogLogger, Categories.Observability,
        "Log through ILogger<T> instead of the static Serilog Log class",
        "'Log.{0}' writes through the static Serilog logger; inject ILogger<T> so the category, scopes and the host's logging pipeline apply",
        "The static Serilog Log class is a global: it has no category, ignores the host's logging configuration and filters, is not replaced in tests and, outside Program.cs, hides the logger a class depends on. Keep it for bootstrap logging in Program.cs; everywhere else log through ILogger<T>.");

    public static readonly DiagnosticDescriptor HttpClientInstantiation = Create(
        DiagnosticIds.HttpClientInstantiation, Categories.Http,
        "Do not create HttpClient or message handlers directly",
        "'new {0}()' outside the composition root; inject IHttpClientFactory or a typed client instead",
        "Creating HttpClient or handlers by hand leads to socket exhaustion or stale DNS and skips what AddPlatformDefaults adds to every factory client: the standard resilience handler and HttpClient telemetry. Register a typed or named client with AddHttpClient.");

    public static readonly DiagnosticDescriptor SystemClock = Create(
        DiagnosticIds.SystemClock, Categories.Time,
        "Use TimeProvider instead of the system clock",
        "'{0}' reads the system clock directly; inject TimeProvider so time can be controlled in tests",
        "DateTime.Now/UtcNow and DateTimeOffset.Now/UtcNow make code depend on the wall clock. TimeProvider (registered as TimeProvider.System) keeps the same behavior in production and lets tests use FakeTimeProvider.");

    public static readonly DiagnosticDescriptor HardcodedSecret = Create(
        DiagnosticIds.HardcodedSecret, Categories.Security,
        "Do not hard-code secrets",
        "'{0}' receives a hard-coded credential; read it from configuration backed by a secret store",
        "Secrets in source code leak through the repository, build logs and binaries and cannot be rotated. Read them from IConfiguration (user secrets locally, the secret store in deployed environments).");

    public static readonly DiagnosticDescriptor EnvironmentVariableRead = Create(
        DiagnosticIds.EnvironmentVariableRead, Categories.Security,
        "Read settings through IConfiguration instead of environment variables",
        "Environment.{0} outside the host setup; bind the value through IConfiguration or the options pattern",
        "Environment variables are already a configuration source. Reading them directly bypasses configuration layering, validation and tests that supply in-memory configuration.");

    public static readonly DiagnosticDescriptor BlockingTaskWait = Create(
        DiagnosticIds.BlockingTaskWait, Categories.Async,
        "Do not block on tasks",
        "'{0}' blocks the thread until the task completes; await it instead",
        "Blocking on a Task or ValueTask (sync over async) wastes thread-pool threads, can deadlock and causes thread-pool starvation under load.");

    public static readonly DiagnosticDescriptor ThreadSleep = Create(
        DiagnosticIds.ThreadSleep, Categories.Async,
        "Do not use Thread.Sleep in service code",
        "Thread.Sleep blocks a thread; use 'await Task.Delay(delay, cancellationToken)' or a TimeProvider timer",
        "Thread.Sleep holds a thread-pool thread for the whole delay and cannot be cancelled.");

    public static readonly DiagnosticDescriptor FireAndForgetTask = Create(
        DiagnosticIds.FireAndForgetTask, Categories.Async,
        "Do not fire and forget work inside request handling",
        "The task started by '{0}' is dropped inside request handling; await it or hand the work to a background service",
        "Work started with Task.Run or Task.Factory.StartNew and then dropped outlives the request: the request's scoped services (DbContext, HttpContext) are disposed under it, its exceptions are never observed, it is cut off at shutdown and nothing limits how many run at once. Await it, or queue it to a BackgroundService (for example through a Channel<T>).");

    public static readonly DiagnosticDescriptor NullableDisabled = Create(
        DiagnosticIds.NullableDisabled, Categories.Governance,
        "Enable nullable reference types",
        "Nullable reference types are disabled for project '{0}'; set <Nullable>enable</Nullable> or register a 'Nullable' deviation",
        "The golden path builds with nullable reference types enabled so null-related bugs are found at compile time.");

    public static readonly DiagnosticDescriptor TelemetryOptOut = Create(
        DiagnosticIds.TelemetryOptOut, Categories.Governance,
        "Do not opt a service out of telemetry",
        "PlatformTelemetry is false in {0} service '{1}'; it will run without traces, metrics and logs export unless a 'Telemetry' deviation is registered",
        "Web and worker services must be observable. Turning telemetry off requires a registered, time-boxed deviation.");

    public static readonly DiagnosticDescriptor SuppressedPlatformRule = Create(
        DiagnosticIds.SuppressedPlatformRule, Categories.Governance,
        "Do not silence platform rules without a registered deviation",
        "{0} is silenced by {1}; register a PlatformDeviation with a reason, an owner and an expiry date instead",
        "Platform rules encode organisation-wide decisions. Silencing them with NoWarn, #pragma, [SuppressMessage] or an editorconfig severity of none hides the decision; a registered deviation keeps it visible, owned and time-boxed.");

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        UseLoggerInsteadOfConsole,
        MissingPlatformDefaults,
        MissingPlatformEndpoints,
        StaticSerilogLogger,
        HttpClientInstantiation,
        SystemClock,
        HardcodedSecret,
        EnvironmentVariableRead,
        BlockingTaskWait,
        ThreadSleep,
        FireAndForgetTask,
        NullableDisabled,
        TelemetryOptOut,
        SuppressedPlatformRule);

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Create(string id, string category, string title, string message, string description) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLink(id));
}
