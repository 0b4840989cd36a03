using Platform.Cli.Audit.SupplyChain;

namespace Platform.Cli.Tests.Audit;

/// <summary>The base-pin judgement and the pin list's parsing, case by case (the fixture covers them end to end).</summary>
public sealed class SupplyChainJudgeTests
{
    private const string AspNet = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled";
    private static readonly string Approved = "sha256:" + new string('b', 64);
    private static readonly ApprovedBasePins Pins = ApprovedBasePins.Parse("2.0.0", $" {AspNet}@{Approved} ;");

    [Theory]
    [InlineData(AspNet + "@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null, "current", false)]
    [InlineData(AspNet + "@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, "outdated", true)]
    [InlineData(AspNet, null, "unpinned", true)]
    [InlineData("registry.corp:5000/mcr/dotnet/aspnet:10.0-noble-chiseled@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "registry.corp:5000/mcr/", "outdated", true)]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, "unknown", false)]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled", null, "unpinned", false)]
    public void A_pin_is_judged_against_the_newest_kits_pin_for_the_same_name_and_tag(string image, string? mirror, string status, bool drift)
    {
        var judged = BasePinDrift.Judge(image, mirror, Pins);

        Assert.Equal((status, drift), (judged.Status, judged.IsDrift));
        Assert.Equal("2.0.0", judged.NewestKitVersion);
    }

    [Fact]
    public void An_entry_that_is_not_name_tag_at_digest_is_a_problem_of_the_report_and_the_others_still_count()
    {
        var pins = ApprovedBasePins.Parse("2.0.0", $"{AspNet}@{Approved};{AspNet}@sha256:ABC;mcr.microsoft.com/dotnet/runtime@{Approved}");

        Assert.Equal(Approved, pins.DigestOf(AspNet));
        Assert.Single(pins.Digests);
        Assert.Contains("sha256:ABC", pins.Problem, StringComparison.Ordinal);
        Assert.Contains("mcr.microsoft.com/dotnet/runtime@", pins.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_that_was_never_restored_is_not_audited_rather_than_clean()
    {
        // NuGet's assemblies come from the .NET SDK, as in the tool.
        Platform.Cli.Infrastructure.MSBuildHost.EnsureRegistered(RepoPaths.TempRoot);

        var audit = VulnerablePackages.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "project.assets.json"));

        Assert.Equal(VulnerabilityStatus.NotRestored, audit.Status);
        Assert.Empty(audit.Packages);
    }
}
