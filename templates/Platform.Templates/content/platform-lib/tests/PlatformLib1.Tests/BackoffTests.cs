namespace PlatformLib1.Tests;

public sealed class BackoffTests
{
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    public void The_delay_doubles_with_each_attempt(int attempt, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), _backoff.DelayFor(attempt));

    [Theory]
    [InlineData(5)]
    [InlineData(1000)]
    public void The_delay_stops_at_the_maximum(int attempt) =>
        Assert.Equal(TimeSpan.FromSeconds(1), _backoff.DelayFor(attempt));

    [Fact]
    public void Attempts_start_at_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _backoff.DelayFor(0));
}
