using System.Diagnostics;

namespace Platform.Testing.Containers.Tests;

/// <summary>One registry, base-image builder and published sample app for the whole collection (keeps the run short).</summary>
public sealed class ContainerToolchainFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _appDirectory;
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("platform-containers-tests-").FullName;

    public LocalRegistry? Registry { get; private set; }

    public BaseImageBuilder? Builder { get; private set; }

    public TimeSpan RegistryStartTime { get; private set; }

    public static ToolAvailability Tools => ToolAvailability.Current;

    public async Task InitializeAsync()
    {
        if (Tools.RegistrySkipReason is null)
        {
            var sw = Stopwatch.StartNew();
            Registry = await LocalRegistry.StartAsync();
            RegistryStartTime = sw.Elapsed;
        }

        if (Tools.BuildSkipReason is null)
        {
            Builder = new BaseImageBuilder();
        }
    }

    /// <summary>Publishes <see cref="SampleApp"/> once (framework-dependent, invariant globalization) and returns the output folder.</summary>
    public async Task<string> GetPublishedSampleAppAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _appDirectory ??= await SampleApp.PublishAsync(Path.Combine(_workDirectory, "sample"));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        BaseImageBuilder.TryDeleteDirectory(_workDirectory);
        _gate.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerToolchainFixture>
{
    public const string Name = "Container toolchain";
}
