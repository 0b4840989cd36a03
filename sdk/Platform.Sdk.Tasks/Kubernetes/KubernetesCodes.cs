namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>The PLAT codes of the Kubernetes concern (the PLAT0200–0249 range, docs/errors.md). Never reuse one.</summary>
internal static class KubernetesCodes
{
    public const string InvalidPort = "PLAT0200";
    public const string PortMismatch = "PLAT0201";
    public const string UnknownProbeEndpoint = "PLAT0202";
    public const string InvalidQuantity = "PLAT0203";
    public const string RequestAboveLimit = "PLAT0204";
    public const string InvalidNumber = "PLAT0205";
    public const string GracePeriodTooShort = "PLAT0206";
    public const string RelaxedWithoutDeviation = "PLAT0207";
    public const string InvalidHardeningValue = "PLAT0208";
    public const string UserNotVerifiable = "PLAT0209";
    public const string DeviationNotInForce = "PLAT0210";
    public const string InvalidOtlpEndpoint = "PLAT0211";
    public const string InvalidNamespace = "PLAT0212";
    public const string InvalidAutoscaling = "PLAT0213";
    public const string NoImageDigest = "PLAT0214";
    public const string WriteFailed = "PLAT0215";

    /// <summary>From the patterns' range (PLAT0300–0318): a PlatformConnectionString item that cannot become a secret reference.</summary>
    public const string InvalidConnectionString = "PLAT0304";
}

/// <summary>One thing wrong with the deployment settings, phrased as the fix.</summary>
internal sealed record KubernetesProblem(string Code, string Message);
