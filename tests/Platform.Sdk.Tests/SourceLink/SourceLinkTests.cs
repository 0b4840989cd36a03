using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Platform.Sdk.Tests.SourceLink;

/// <summary>Platform.SourceLink.props/.targets: the built dll points back at the commit it came from.</summary>
public class SourceLinkTests
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public async Task Built_assembly_embeds_its_pdb_with_SourceLink_to_the_repository()
    {
        var repo = await ConsumerProject.Create("Linked").WriteAsync();

        var build = await repo.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        var dll = Path.Combine(repo.ProjectDirectory, "bin", "Debug", "net10.0", "Linked.dll");
        using var pe = new PEReader(File.OpenRead(dll));
        var embedded = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var pdbProvider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        var pdb = pdbProvider.GetMetadataReader();
        var sourceLink = pdb.CustomDebugInformation
            .Select(pdb.GetCustomDebugInformation)
            .Where(info => pdb.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(info.Value)))
            .Single();
        Assert.Contains($"https://raw.githubusercontent.com/contoso/linked/{repo.Commit}/", sourceLink);
        Assert.False(File.Exists(Path.ChangeExtension(dll, ".pdb")), "the pdb is embedded, not a separate file");
    }

    [Fact]
    public async Task InformationalVersion_carries_the_commit()
    {
        var repo = await ConsumerProject.Create("Versioned").WithProperty("Version", "2.3.4").WriteAsync();

        var build = await repo.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        var dll = Path.Combine(repo.ProjectDirectory, "bin", "Debug", "net10.0", "Versioned.dll");
        var informational = System.Diagnostics.FileVersionInfo.GetVersionInfo(dll).ProductVersion;
        Assert.Equal("2.3.4+" + repo.Commit, informational);
    }

    [Fact]
    public async Task SourceLink_package_is_implicit_and_can_be_opted_out()
    {
        var withSourceLink = await ConsumerProject.Create().WriteAsync();
        var without = await ConsumerProject.Create().WithProperty("PlatformSourceLink", "false").WriteAsync();

        var reference = Assert.Single(withSourceLink.Evaluate().ItemsOf("PackageReference"), r => r.Include == "Microsoft.SourceLink.GitHub");
        Assert.Equal("true", reference.Get("IsImplicitlyDefined"));
        Assert.Equal("all", reference.Get("PrivateAssets"));
        Assert.Equal("embedded", withSourceLink.Evaluate().Property("DebugType"));
        Assert.Equal("true", withSourceLink.Evaluate().Property("PublishRepositoryUrl"));
        Assert.Equal("true", withSourceLink.Evaluate().Property("EmbedUntrackedSources"));
        Assert.DoesNotContain(without.Evaluate().ItemsOf("PackageReference"), r => r.Include == "Microsoft.SourceLink.GitHub");
    }

    [Fact]
    public async Task SourceLink_package_version_can_be_overridden()
    {
        var repo = await ConsumerProject.Create().WithProperty("PlatformSourceLinkVersion", "10.0.401").WriteAsync();

        var reference = Assert.Single(repo.Evaluate().ItemsOf("PackageReference"), r => r.Include == "Microsoft.SourceLink.GitHub");
        Assert.Equal("10.0.401", reference.Get("Version"));
    }
}
