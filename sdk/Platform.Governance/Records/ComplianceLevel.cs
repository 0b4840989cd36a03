using System.Text.Json.Serialization;

namespace Platform.Governance;

/// <summary>
/// The compliance levels, best first. A build's record is gold, silver, bronze or none; the audit adds unknown (a
/// Platform SDK project with no record) and error (the project did not evaluate). The lower-case names are the values
/// in the record and in every audit format.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComplianceLevel>))]
public enum ComplianceLevel
{
    /// <summary>No findings and no deviations.</summary>
    [JsonStringEnumMemberName("gold")]
    Gold,

    /// <summary>No findings; only registered deviations that are in force (suppressed results count here).</summary>
    [JsonStringEnumMemberName("silver")]
    Silver,

    /// <summary>Findings, expired or invalid deviations, an enforced setting changed, or no diagnostics to judge by.</summary>
    [JsonStringEnumMemberName("bronze")]
    Bronze,

    /// <summary>The Platform SDK is not used.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Audit only: a Platform SDK project without a compliance record (not built, or records turned off).</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>Audit only: the project did not evaluate.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}

/// <summary>Names, ranks and comparisons of <see cref="ComplianceLevel"/>.</summary>
public static class ComplianceLevels
{
    public static IReadOnlyList<ComplianceLevel> All { get; } = Enum.GetValues<ComplianceLevel>();

    /// <summary>The levels a gate (--min-level) can ask for.</summary>
    public static IReadOnlyList<ComplianceLevel> Gates { get; } = [ComplianceLevel.Gold, ComplianceLevel.Silver, ComplianceLevel.Bronze];

    public static string Name(this ComplianceLevel level) => level.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ComplianceLevel level)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = ComplianceLevel.Unknown;
        return false;
    }

    /// <summary>Gold 3, silver 2, bronze 1; none, unknown and error 0 (they never meet a gate).</summary>
    public static int Rank(this ComplianceLevel level) => level switch
    {
        ComplianceLevel.Gold => 3,
        ComplianceLevel.Silver => 2,
        ComplianceLevel.Bronze => 1,
        _ => 0,
    };

    /// <summary>True when <paramref name="level"/> is below the gate <paramref name="minimum"/>.</summary>
    public static bool IsBelow(this ComplianceLevel level, ComplianceLevel minimum) => level.Rank() < minimum.Rank();

    public static ComplianceLevel Worst(IEnumerable<ComplianceLevel> levels) =>
        levels.OrderBy(Rank).Cast<ComplianceLevel?>().FirstOrDefault() ?? ComplianceLevel.None;
}
