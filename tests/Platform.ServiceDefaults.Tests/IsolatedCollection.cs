namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// Tests that assert the absence of spans decided by a sampler. In one process, every TracerProvider listens to the
/// same ActivitySource names, so a span sampled out by one service can be recorded because another test's service
/// sampled it in. These tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "Isolated from other in-process tracer providers";
}
