namespace Platform.Governance.Tests;

public sealed class OwnerResolverTests
{
    private const string File = """
        # Default owners
        *                 @org/everyone
        *.md              @org/docs        # trailing comment
        /src/Orders/      @org/orders @alice
        src/**/Legacy     @org/legacy
        Payments/         @org/payments
        /src/Orders/Orders.Tests/
        """;

    private static readonly CodeOwners Owners = CodeOwners.Parse(File, "/repo");

    [Theory]
    [InlineData("src/Orders/Orders.csproj", "@org/orders")]
    [InlineData("src/Orders/Orders.Tests/Orders.Tests.csproj", null)]
    [InlineData("src/Shipping/Shipping.csproj", "@org/everyone")]
    [InlineData("src/a/b/Legacy/Old.csproj", "@org/legacy")]
    [InlineData("services/Payments/Api/Api.csproj", "@org/payments")]
    [InlineData("README.md", "@org/docs")]
    [InlineData("src/OrdersX/OrdersX.csproj", "@org/everyone")]
    public void The_last_matching_rule_wins_and_a_rule_without_owners_leaves_the_path_unowned(string path, string? first)
    {
        Assert.Equal(first, Owners.OwnersOf(path).FirstOrDefault());
    }

    [Fact]
    public void PlatformOwner_wins_over_CODEOWNERS_and_no_file_means_no_owner()
    {
        Assert.Equal(new ProjectOwner("team-a", OwnerSource.Property), OwnerResolver.Resolve(" team-a ", "/repo/src/Orders/Orders.csproj", () => Owners));
        Assert.Equal(new ProjectOwner("@org/orders", OwnerSource.CodeOwners), OwnerResolver.Resolve(null, "/repo/src/Orders/Orders.csproj", () => Owners));
        Assert.Null(OwnerResolver.Resolve("", "/repo/src/Orders/Orders.csproj", () => null));
        Assert.Null(OwnerResolver.Resolve(null, "/elsewhere/Orders.csproj", () => Owners));
    }

    [Fact]
    public void A_file_under_dot_github_or_docs_is_relative_to_the_folder_above()
    {
        var dir = Directory.CreateTempSubdirectory("codeowners-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, ".github"));
            var file = Path.Combine(dir.FullName, ".github", "CODEOWNERS");
            System.IO.File.WriteAllText(file, "/src/ @org/x\n");
            var loaded = CodeOwners.Load(file)!;
            Assert.Equal(dir.FullName, loaded.Root);
            Assert.Equal("@org/x", OwnerResolver.Resolve(null, Path.Combine(dir.FullName, "src", "A", "A.csproj"), () => loaded)!.Name);
            Assert.Null(CodeOwners.Load(Path.Combine(dir.FullName, "missing")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
