namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// What kind of project is being compiled (build_property.PlatformProjectKind, or inferred; see
/// <see cref="PlatformProject"/> and docs/rules/README.md for how each is detected).
/// </summary>
internal enum ProjectKind
{
    Library,
    Console,
    Web,
    Worker,
    Test,

    /// <summary>An Aspire AppHost: it orchestrates services, it is not one.</summary>
    AppHost,

    /// <summary>A build or developer tool (NUKE, Cake Frosting): runs on a build agent, never serves requests.</summary>
    Tool,

    /// <summary>A client app (MAUI, WPF, Windows Forms, Blazor WebAssembly): runs on a user's device.</summary>
    Client,
}
