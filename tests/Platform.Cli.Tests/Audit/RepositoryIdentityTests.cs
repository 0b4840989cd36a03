using Platform.Cli.Audit;

namespace Platform.Cli.Tests.Audit;

/// <summary>The fleet's name for a repo comes from its origin remote, whatever form the URL takes, without credentials.</summary>
public sealed class RepositoryIdentityTests
{
    [Theory]
    [InlineData("https://github.com/contoso/orders.git", "github.com/contoso/orders")]
    [InlineData("https://x-access-token:ghs_secret@GitHub.com/contoso/orders", "github.com/contoso/orders")]
    [InlineData("git@github.com:contoso/orders.git", "github.com/contoso/orders")]
    [InlineData("ssh://git@gitlab.example.com:2222/platform/orders.git/", "gitlab.example.com/platform/orders")]
    [InlineData("https://dev.azure.com/contoso/Shop/_git/orders", "dev.azure.com/contoso/Shop/_git/orders")]
    public void A_remote_becomes_host_and_path(string url, string expected) =>
        Assert.Equal(expected, RepositoryIdentity.FromRemote(url));

    [Theory]
    [InlineData("/srv/git/orders.git")]
    [InlineData("file:///srv/git/orders.git")]
    [InlineData("../orders")]
    [InlineData("")]
    public void A_local_remote_is_no_name(string url) => Assert.Null(RepositoryIdentity.FromRemote(url));

    [Fact]
    public async Task A_folder_without_git_is_named_by_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("platform-identity-").FullName;
        var named = Path.Combine(folder, "orders");
        Directory.CreateDirectory(named);

        Assert.Equal("orders", await RepositoryIdentity.ResolveAsync(named, CancellationToken.None));
    }
}
