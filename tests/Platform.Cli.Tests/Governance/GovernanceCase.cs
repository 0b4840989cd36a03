using System.Globalization;

namespace Platform.Cli.Tests.Governance;

/// <summary>
/// One row of the governance table: a project (its file, its code) and what both the build's compliance record and
/// `platform audit` must say about it: the level and the status of each declared deviation, in declaration order.
/// </summary>
public sealed record GovernanceCase(string Name, string ProjectBody, string? Code, string Level, string[] DeviationStatuses, string? EnforcementMode = null)
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public const string CreatesHttpClient = """
        namespace Probe;

        /// <summary>Talks to the legacy partner API.</summary>
        public static class LegacyClient
        {
            /// <summary>Creates the client the old way (PLAT2001).</summary>
            public static System.Net.Http.HttpClient Create() => new System.Net.Http.HttpClient();
        }
        """;

    public const string SleepsOnAThread = """
        namespace Probe;

        /// <summary>Waits the old way (PLAT5002).</summary>
        public static class Waiter
        {
            /// <summary>Blocks for a moment.</summary>
            public static void Pause() => System.Threading.Thread.Sleep(10);
        }
        """;

    /// <summary>
    /// Every deviation and enforcement case of the task and build tests, plus the expired deviation of an unknown rule
    /// (invalid, not expired: a malformed entry never took effect, so its date does not matter; docs/governance.md).
    /// </summary>
    public static IReadOnlyList<GovernanceCase> All { get; } =
    [
        new("Clean", string.Empty, null, "gold", []),
        new("Finding", string.Empty, CreatesHttpClient, "bronze", []),
        new("Active", Deviation("PLAT2001", "team-a", Days(90)), CreatesHttpClient, "silver", ["active"]),
        new("ActiveWithoutResults", Deviation("PLAT2001", "team-a", Days(90)), null, "silver", ["active"]),
        new("Expiring", Deviation("PLAT2001", "team-a", Days(5)), CreatesHttpClient, "silver", ["expiring"]),
        new("Expired", Deviation("PLAT2001", "team-late", Days(-10)), CreatesHttpClient, "bronze", ["expired"]),
        new("NoOwner", Deviation("PLAT2001", string.Empty, Days(90)), CreatesHttpClient, "bronze", ["invalid"]),
        new("NotADate", Deviation("PLAT2001", "team-a", "someday"), CreatesHttpClient, "bronze", ["invalid"]),
        new("TooFar", Deviation("PLAT2001", "team-a", Days(400)), CreatesHttpClient, "bronze", ["invalid"]),
        new("UnknownRule", Deviation("PLAT7777", "team-a", Days(90)), null, "bronze", ["invalid"]),
        new("UnknownRuleExpired", Deviation("PLAT7777", "team-a", Days(-10)), null, "bronze", ["invalid"]),
        new("Duplicate", Deviation("PLAT2001", "team-a", Days(90)) + Deviation("PLAT2001", "team-b", Days(60)), CreatesHttpClient, "bronze", ["active", "invalid"]),
        new("SettingDeviated", "<PropertyGroup><Nullable>disable</Nullable></PropertyGroup>" + Deviation("Nullable", "team-a", Days(90)), null, "silver", ["active"]),
        new("StagedBeforeDate", Enforcement("PLAT5002", Days(30)), SleepsOnAThread, "bronze", [], "warning"),
        new("StagedFromDate", Enforcement("PLAT5002", Days(-1)), null, "gold", [], "error"),
    ];

    public override string ToString() => Name;

    private static string Days(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Deviation(string id, string owner, string expires) =>
        $"""<ItemGroup><PlatformDeviation Include="{id}" Reason="Legacy partner client until the v2 migration" Owner="{owner}" Expires="{expires}" /></ItemGroup>""";

    private static string Enforcement(string id, string errorFrom) =>
        $"""<ItemGroup><PlatformRuleEnforcement Include="{id}" ErrorFrom="{errorFrom}" /></ItemGroup>""";
}
