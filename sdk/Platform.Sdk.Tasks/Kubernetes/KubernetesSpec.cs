namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>The checked deployment settings: everything <see cref="KubernetesManifests"/> needs, already valid.</summary>
internal sealed record KubernetesSpec
{
    public required string Name { get; init; }
    public required string PartOf { get; init; }
    public required string Version { get; init; }
    public required bool IsWeb { get; init; }
    public required string Namespace { get; init; }
    public required string Image { get; init; }
    public required string Digest { get; init; }
    public required long RunAsUser { get; init; }
    public required long? RunAsGroup { get; init; }
    public required int? Port { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> ImageEnvironment { get; init; }
    public required int Replicas { get; init; }
    public required Resources Resources { get; init; }
    public required string StartupProbePath { get; init; }
    public required string ReadinessProbePath { get; init; }
    public required string LivenessProbePath { get; init; }
    public required int ShutdownTimeoutSeconds { get; init; }
    public required int PreStopSeconds { get; init; }
    public required int TerminationGracePeriodSeconds { get; init; }
    public required string OtlpEndpoint { get; init; }
    public required bool Autoscaling { get; init; }
    public required int MaxReplicas { get; init; }
    public required int TargetCpuUtilization { get; init; }
    public required bool DatabaseMigrations { get; init; }

    /// <summary>Connection strings the pod reads from a Secret (never a value in the manifest), in item order.</summary>
    public required IReadOnlyList<SecretConnectionString> ConnectionStrings { get; init; }
    public required bool ReadOnlyRootFilesystem { get; init; }
    public required bool AutomountServiceAccountToken { get; init; }
    public required bool RunAsNonRoot { get; init; }
    public required bool AllowPrivilegeEscalation { get; init; }
    public required string SeccompProfile { get; init; }
    public required IReadOnlyList<string> AddCapabilities { get; init; }

    /// <summary>The hardening settings that differ from the golden value, each with the deviation that allows it.</summary>
    public required IReadOnlyList<KubernetesHardening> Relaxed { get; init; }
}

/// <summary><c>ConnectionStrings__<paramref name="Name"/></c> from key <paramref name="Key"/> of Secret <paramref name="Secret"/>.</summary>
internal sealed record SecretConnectionString(string Name, string Secret, string Key);

/// <summary>Requests and limits as Kubernetes quantities (already validated).</summary>
internal sealed record Resources(string CpuRequest, string CpuLimit, string MemoryRequest, string MemoryLimit);
