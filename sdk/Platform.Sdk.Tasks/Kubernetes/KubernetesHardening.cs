namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>
/// A hardening setting of the generated pod: its MSBuild property, its golden value and the PlatformDeviation name that
/// may relax it. Platform.Kubernetes.props declares the same names as known settings and golden settings (a test keeps
/// them equal to <see cref="All"/>).
/// </summary>
internal sealed record KubernetesHardening(string Property, string Golden, string Deviation, string[] Allowed, string Covers)
{
    public static readonly KubernetesHardening ReadOnlyRootFilesystem = new(
        "PlatformKubernetesReadOnlyRootFilesystem", "true", "KubernetesReadOnlyRootFilesystem", ["true", "false"], "readOnlyRootFilesystem");

    public static readonly KubernetesHardening AutomountServiceAccountToken = new(
        "PlatformKubernetesAutomountServiceAccountToken", "false", "KubernetesServiceAccountToken", ["true", "false"], "automountServiceAccountToken");

    public static readonly KubernetesHardening RunAsNonRoot = new(
        "PlatformKubernetesRunAsNonRoot", "true", "KubernetesRunAsNonRoot", ["true", "false"], "runAsNonRoot");

    public static readonly KubernetesHardening AllowPrivilegeEscalation = new(
        "PlatformKubernetesAllowPrivilegeEscalation", "false", "KubernetesPrivilegeEscalation", ["true", "false"], "allowPrivilegeEscalation");

    public static readonly KubernetesHardening SeccompProfile = new(
        "PlatformKubernetesSeccompProfile", "RuntimeDefault", "KubernetesSeccompProfile", ["RuntimeDefault", "Unconfined"], "seccompProfile.type");

    /// <summary>Capabilities added back after dropping ALL; the golden value is none.</summary>
    public static readonly KubernetesHardening AddCapabilities = new(
        "PlatformKubernetesAddCapabilities", string.Empty, "KubernetesCapabilities", [], "capabilities.add");

    public static readonly IReadOnlyList<KubernetesHardening> All =
        [ReadOnlyRootFilesystem, AutomountServiceAccountToken, RunAsNonRoot, AllowPrivilegeEscalation, SeccompProfile, AddCapabilities];
}
