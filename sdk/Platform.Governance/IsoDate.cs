using System.Globalization;

namespace Platform.Governance;

/// <summary>Dates in governance metadata are ISO calendar dates (yyyy-MM-dd), compared as whole days.</summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string ToText(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static DateOnly TodayUtc() => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Adds days without overflowing the calendar (a build date near 9999-12-31 must not throw).</summary>
    public static DateOnly AddDaysClamped(DateOnly date, int days)
    {
        var dayNumber = Math.Clamp((long)date.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber);
        return DateOnly.FromDayNumber((int)dayNumber);
    }
}
