using System.Globalization;

namespace Platform.Governance;

/// <summary>
/// The build date and day limits, read tolerantly from MSBuild properties: a bad value is a problem
/// (reported once) and the documented default is used so the rest of the evaluation still runs.
/// </summary>
public sealed record GovernanceClock(DateOnly Today, int WarnDays, int MaxDays)
{
    /// <summary>The defaults, as of <paramref name="today"/>.</summary>
    public static GovernanceClock Default(DateOnly today) => new(today, GovernanceDefaults.WarnDays, GovernanceDefaults.MaxDays);

    public static GovernanceClock Resolve(string? buildDate, string? warnDays, string? maxDays, string? file, List<GovernanceProblem> problems)
    {
        var today = IsoDate.TodayUtc();
        if (!string.IsNullOrWhiteSpace(buildDate) && !IsoDate.TryParse(buildDate, out today))
        {
            today = IsoDate.TodayUtc();
            problems.Add(new GovernanceProblem(
                GovernanceCodes.InvalidBuildDate,
                $"PlatformBuildDate is '{buildDate}', which is not an ISO date. Set it as yyyy-MM-dd (for example {IsoDate.ToText(today)}) or remove it to use today's UTC date.",
                IsError: true,
                file));
        }

        return new GovernanceClock(
            today,
            ReadDays("PlatformDeviationWarnDays", warnDays, GovernanceDefaults.WarnDays, file, problems),
            ReadDays("PlatformDeviationMaxDays", maxDays, GovernanceDefaults.MaxDays, file, problems));
    }

    private static int ReadDays(string property, string? text, int fallback, string? file, List<GovernanceProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= GovernanceDefaults.LargestDayCount)
        {
            return days;
        }

        problems.Add(new GovernanceProblem(
            GovernanceCodes.InvalidDayCount,
            $"{property} is '{text}', but it must be a whole number of days from 0 to {GovernanceDefaults.LargestDayCount}. Fix the value or remove it to use the default ({fallback}).",
            IsError: true,
            file));
        return fallback;
    }
}
