namespace Platform.Governance;

/// <summary>
/// The PLAT01xx codes of deviations, staged enforcement and the compliance record (docs/errors.md).
/// A code is never reused for another meaning.
/// </summary>
public static class GovernanceCodes
{
    public const string DeviationMissingReason = "PLAT0100";
    public const string DeviationMissingOwner = "PLAT0101";
    public const string DeviationMissingExpires = "PLAT0102";
    public const string DeviationExpiresNotIsoDate = "PLAT0103";
    public const string DeviationUnknownId = "PLAT0104";
    public const string DeviationExpiresTooFar = "PLAT0105";
    public const string DeviationExpired = "PLAT0106";
    public const string DeviationDuplicate = "PLAT0107";
    public const string DeviationExpiringSoon = "PLAT0110";

    public const string InvalidBuildDate = "PLAT0120";
    public const string InvalidDayCount = "PLAT0121";

    public const string EnforcementInvalidDate = "PLAT0130";
    public const string EnforcementUnknownRule = "PLAT0131";
    public const string EnforcementAnnouncement = "PLAT0150";

    public const string SarifMissing = "PLAT0160";
    public const string SarifUnreadable = "PLAT0161";
    public const string ComplianceRecordNotWritten = "PLAT0162";
}
