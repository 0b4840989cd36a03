namespace Platform.Governance;

/// <summary>
/// The golden-path settings a PlatformDeviation may name (docs/governance.md says what each covers). The build declares
/// the same names as _PlatformKnownSetting items in sdk/Sdk/build/Platform.Deviations.props; a drift test keeps them equal.
/// </summary>
public static class SettingCatalogue
{
    public static IReadOnlyList<string> DeviationNames { get; } =
        [
            "Nullable", "Telemetry", "CIStrict", "SourceLink", "LockFile", "Audit", "Container", "Analyzers", "AnalysisMode", "Deterministic", "Framework",
            // Kubernetes manifests (sdk/Platform.Sdk.Tasks/Kubernetes/KubernetesHardening.cs; docs/kubernetes.md#deviating).
            "Kubernetes", "KubernetesReadOnlyRootFilesystem", "KubernetesServiceAccountToken", "KubernetesRunAsNonRoot",
            "KubernetesPrivilegeEscalation", "KubernetesSeccompProfile", "KubernetesCapabilities",
            // A service published without an SBOM (docs/supply-chain.md).
            "Sbom",
        ];
}
