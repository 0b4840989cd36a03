using Platform.Cli.Infrastructure;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>Only a NuGet version can reach a file: what is validated is exactly what is written.</summary>
public sealed class KitVersionTests
{
    [Theory]
    [InlineData("1.0.1\r", "line break")]
    [InlineData("1.0.1\r\n", "line break")]
    [InlineData(" 1.0.1 ", "space")]
    [InlineData("1.0.0\"", "2 to 4")]
    [InlineData("latest", "2 to 4")]
    [InlineData("", "empty")]
    [InlineData("1", "2 to 4")]
    [InlineData("1.0.0-", "prerelease")]
    [InlineData("1.0.0+", "metadata")]
    [InlineData("1.0.0-rc_1", "prerelease")]
    public void Text_that_is_not_a_version_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(KitVersion.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.0.0")]
    [InlineData("1.2.3.4")]
    [InlineData("1.0.0-rc.1")]
    [InlineData("1.0.0-preview-2+build.7")]
    public void A_NuGet_version_is_kept_exactly(string text)
    {
        Assert.True(KitVersion.TryParse(text, out var version, out _));
        Assert.Equal(text, version.Value);
    }
}
