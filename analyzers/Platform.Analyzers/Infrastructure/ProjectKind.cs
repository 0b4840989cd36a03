namespace Platform.Analyzers.Infrastructure;

/// <summary>What kind of project is being compiled (build_property.PlatformProjectKind, or inferred).</summary>
internal enum ProjectKind
{
    Library,
    Console,
    Web,
    Worker,
    Test,
}
