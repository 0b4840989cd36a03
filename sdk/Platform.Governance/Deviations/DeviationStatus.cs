using System.Text.Json.Serialization;

namespace Platform.Governance;

/// <summary>
/// Where a registered deviation stands on a date. The lower-case names are the record's and the audit's values.
/// Precedence: a malformed entry is <see cref="Invalid"/> whatever its date (it never took effect, and the fix is to
/// correct or remove it); only a well-formed entry can be <see cref="Expired"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeviationStatus>))]
public enum DeviationStatus
{
    /// <summary>Valid and more than PlatformDeviationWarnDays from its expiry.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Valid, but expires within PlatformDeviationWarnDays: a warning.</summary>
    [JsonStringEnumMemberName("expiring")]
    Expiring,

    /// <summary>Its expiry date has passed: a build error.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>Malformed (missing or bad metadata, unknown id, duplicate, expiry too far ahead): a build error.</summary>
    [JsonStringEnumMemberName("invalid")]
    Invalid,
}
