using System.Text.Json.Serialization;

namespace Platform.Governance;

/// <summary>A rule shipped as "warning until ErrorFrom, then error", and which side of that date the build is on.</summary>
public sealed record StagedRule(string RuleId, DateOnly ErrorFrom, bool IsEnforced)
{
    public EnforcementMode Mode => IsEnforced ? EnforcementMode.Error : EnforcementMode.Warning;
}

/// <summary>How a staged rule is reported on the build date. The lower-case names are the record's values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnforcementMode>))]
public enum EnforcementMode
{
    /// <summary>Before ErrorFrom: a warning, even where warnings are errors.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>From ErrorFrom on: an error, locally and in CI.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}
