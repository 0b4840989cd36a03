namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>One PlatformConnectionString item as written: Include, Secret and Key metadata.</summary>
internal sealed record ConnectionStringInput(string Name, string Secret, string Key);

/// <summary>The MSBuild facts the manifests are made of, as plain strings (the task only copies them in).</summary>
internal sealed record KubernetesInputs
{
    public string SdkVersion { get; init; } = string.Empty;

    public string ServiceName { get; init; } = string.Empty;

    /// <summary>PlatformServiceNamespace: the service's group (label app.kubernetes.io/part-of), not the Kubernetes namespace.</summary>
    public string ServiceNamespace { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public string ProjectKind { get; init; } = string.Empty;

    /// <summary>PlatformKubernetesNamespace: metadata.namespace of every object, or empty to leave it to kubectl/Kustomize.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The image without tag or digest: <c>registry.example.com/shop/order-api</c>.</summary>
    public string ImageRepository { get; init; } = string.Empty;

    /// <summary>True when the publish makes an image index (several runtime identifiers): there is no single image digest.</summary>
    public bool ImageIndex { get; init; }

    /// <summary>The digest the publish produced (<c>sha256:…</c>); empty when only validating, before the image exists.</summary>
    public string ImageDigest { get; init; } = string.Empty;

    /// <summary>ContainerUser: <c>1654</c> or <c>1654:1654</c>.</summary>
    public string User { get; init; } = string.Empty;

    /// <summary>The ContainerPort items (tcp) of the image.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    /// <summary>ASPNETCORE_HTTP_PORTS as the image sets it (the port the app listens on), or empty.</summary>
    public string AppHttpPorts { get; init; } = string.Empty;

    /// <summary>The image's environment the pod repeats (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ImageEnvironment { get; init; } = [];

    public string Replicas { get; init; } = string.Empty;

    public string CpuRequest { get; init; } = string.Empty;

    public string CpuLimit { get; init; } = string.Empty;

    public string MemoryRequest { get; init; } = string.Empty;

    public string MemoryLimit { get; init; } = string.Empty;

    public string StartupProbePath { get; init; } = string.Empty;

    public string ReadinessProbePath { get; init; } = string.Empty;

    public string LivenessProbePath { get; init; } = string.Empty;

    /// <summary>Paths the service is known to serve (the /health/* endpoints of Platform.ServiceDefaults, plus PlatformKubernetesHealthEndpoint items).</summary>
    public IReadOnlyList<string> HealthEndpoints { get; init; } = [];

    public string ShutdownTimeoutSeconds { get; init; } = string.Empty;

    public string PreStopSeconds { get; init; } = string.Empty;

    public string TerminationGracePeriodSeconds { get; init; } = string.Empty;

    public string OtlpEndpoint { get; init; } = string.Empty;

    public string Autoscaling { get; init; } = string.Empty;

    public string MaxReplicas { get; init; } = string.Empty;

    public string TargetCpuUtilization { get; init; } = string.Empty;

    /// <summary>PlatformDatabaseMigrations: true adds a Job running the image with <c>migrate</c>.</summary>
    public string DatabaseMigrations { get; init; } = string.Empty;

    /// <summary>The PlatformConnectionString items: the connection name, and the Secret and key to read it from (empty: the defaults).</summary>
    public IReadOnlyList<ConnectionStringInput> ConnectionStrings { get; init; } = [];

    /// <summary>Value of each <see cref="KubernetesHardening"/> property, by property name.</summary>
    public IReadOnlyDictionary<string, string> Hardening { get; init; } = new Dictionary<string, string>();

    /// <summary>Ids of every PlatformDeviation item declared.</summary>
    public IReadOnlyList<string> Deviations { get; init; } = [];

    /// <summary>Ids of the deviations in force (PlatformDeviationIds).</summary>
    public IReadOnlyList<string> DeviationsInForce { get; init; } = [];
}
