namespace Platform.Cli.Audit.Formats;

/// <summary>Rule ids the audit itself reports in SARIF (docs/cli.md); findings keep the analyzers' ids.</summary>
public static class AuditRuleIds
{
    /// <summary>The build's own code for an expired deviation, so code scanning shows one id for it.</summary>
    public const string ExpiredDeviation = Platform.Governance.GovernanceCodes.DeviationExpired;

    public const string OutdatedSdk = "PLAT0901";
    public const string TemplateDrift = "PLAT0902";
    public const string NotEvaluated = "PLAT0903";
    public const string InvalidDeviation = "PLAT0904";
    public const string ExpiringDeviation = "PLAT0905";
    public const string NoRecord = "PLAT0906";

    /// <summary>Supply chain (docs/supply-chain.md): a base pin behind the newest kit's, a package NuGetAudit flagged.</summary>
    public const string OutdatedBasePin = "PLAT0256";
    public const string VulnerablePackage = "PLAT0257";
}
