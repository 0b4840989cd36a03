namespace Platform.Sdk.Tasks.Governance;

/// <summary>Where a registered deviation stands on the build date. The lower-case names are the record's values.</summary>
internal enum DeviationStatus
{
    /// <summary>Valid and more than PlatformDeviationWarnDays from its expiry.</summary>
    Active,

    /// <summary>Valid, but expires within PlatformDeviationWarnDays: a warning.</summary>
    Expiring,

    /// <summary>Its expiry date has passed: a build error.</summary>
    Expired,

    /// <summary>Malformed (missing or bad metadata, unknown id, duplicate): a build error.</summary>
    Invalid,
}
