namespace PlatformLib1;

/// <summary>Exponential backoff: the delay before a retry doubles with each attempt, up to a ceiling.</summary>
public sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _maximum;

    public Backoff(TimeSpan initial, TimeSpan maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        _initial = initial;
        _maximum = maximum;
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = _initial.TotalMilliseconds * factor;
        return delay >= _maximum.TotalMilliseconds ? _maximum : TimeSpan.FromMilliseconds(delay);
    }
}
