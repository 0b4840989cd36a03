using System.Text.Json;
using Platform.Cli.Audit.Formats;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Audit;

/// <summary>
/// One restored repo against a real vulnerability source and a feed whose newest kit approves base-image pins:
/// Pinned (aspnet pinned to an older digest; a direct and a transitive vulnerable package), Mirrored (the approved pin,
/// behind a registry mirror), Unpinned (the kit's default base by tag), Library (no image; NuGetAudit off).
/// </summary>
public sealed class SupplyChainAuditFixture : IAsyncLifetime
{
    public const string DirectAdvisory = "https://github.com/advisories/GHSA-plat-0257-0001";
    public const string TransitiveAdvisory = "https://github.com/advisories/GHSA-plat-0257-0002";

    private VulnerabilityFeed? _advisories;

    public string Root { get; private set; } = string.Empty;

    public PinnedKitFeed Pinned { get; private set; } = null!;

    public CommandResult Restore { get; private set; } = null!;

    public IReadOnlyList<string> AdvisoryRequests => _advisories?.Requests ?? [];

    public async Task InitializeAsync()
    {
        var cli = await CliFeed.GetAsync();
        Pinned = await PinnedKitFeed.GetAsync();
        _advisories = VulnerabilityFeed.Start(new Dictionary<string, (int, string, string)[]>
        {
            ["humanizer.core"] = [(0, DirectAdvisory, "[0.0.0, 99.0.0)")],
            ["opentelemetry"] = [(3, TransitiveAdvisory, "[0.0.0, 99.0.0)")],
        });
        Root = await FixtureRepo.WriteAsync("supply-chain", cli, Files(), auditSource: _advisories.ServiceIndex);
        Restore = await ProcessRunner.RunAsync("dotnet", ["restore", "Fixture.slnx", "-nodeReuse:false"], Root, timeout: TimeSpan.FromMinutes(5));
    }

    public async Task DisposeAsync()
    {
        if (_advisories is not null)
        {
            await _advisories.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Files() => new()
    {
        ["Fixture.slnx"] = """
            <Solution>
              <Project Path="src/Pinned/Pinned.csproj" />
              <Project Path="src/Mirrored/Mirrored.csproj" />
              <Project Path="src/Unpinned/Unpinned.csproj" />
              <Project Path="src/Library/Library.csproj" />
            </Solution>
            """,
        ["src/Pinned/Pinned.csproj"] = $"""
            <Project Sdk="Platform.Sdk.Web">
              <PropertyGroup>
                <ContainerBaseImage>mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@{PinnedKitFeed.OldAspNet}</ContainerBaseImage>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Humanizer.Core" Version="2.14.1" />
              </ItemGroup>
            </Project>
            """,
        ["src/Pinned/Program.cs"] = AuditFixture.GoldWebApp,
        ["src/Mirrored/Mirrored.csproj"] = $"""
            <Project Sdk="Platform.Sdk.Web">
              <PropertyGroup>
                <PlatformContainerRegistryMirror>registry.example.com/mcr</PlatformContainerRegistryMirror>
                <ContainerBaseImage>mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@{PinnedKitFeed.ApprovedAspNet}</ContainerBaseImage>
              </PropertyGroup>
            </Project>
            """,
        ["src/Mirrored/Program.cs"] = AuditFixture.GoldWebApp,
        ["src/Unpinned/Unpinned.csproj"] = "<Project Sdk=\"Platform.Sdk.Web\">\n</Project>\n",
        ["src/Unpinned/Program.cs"] = AuditFixture.GoldWebApp,
        ["src/Library/Library.csproj"] = "<Project Sdk=\"Platform.Sdk\">\n  <PropertyGroup><NuGetAudit>false</NuGetAudit></PropertyGroup>\n</Project>\n",
        ["src/Library/Greeter.cs"] = SampleCode.Library,
    };
}

public sealed class SupplyChainAuditTests(SupplyChainAuditFixture fixture) : IClassFixture<SupplyChainAuditFixture>
{
    [Fact]
    public async Task Json_reports_each_base_pin_against_the_newest_kits_approved_pin_and_the_vulnerable_packages_of_the_last_restore()
    {
        Assert.True(fixture.Restore.Succeeded, fixture.Restore.ToString());
        Assert.Contains("/vulnerability/base.json", fixture.AdvisoryRequests);

        var result = await InProcessCli.RunAsync("audit", fixture.Root, "--feed", fixture.Pinned.Directory, "--records-only", "--format", "json");
        var evaluated = await InProcessCli.RunAsync("audit", fixture.Root, "--feed", fixture.Pinned.Directory, "--format", "json");

        Assert.Equal(0, evaluated.ExitCode);
        using var json = evaluated.Json();
        var projects = json.RootElement.GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        var pinned = projects["Pinned"].GetProperty("supplyChain");
        var pin = pinned.GetProperty("baseImage");
        Assert.Equal("outdated", pin.GetProperty("status").GetString());
        Assert.Equal(PinnedKitFeed.OldAspNet, pin.GetProperty("pin").GetString());
        Assert.Equal(PinnedKitFeed.ApprovedAspNet, pin.GetProperty("newest").GetString());
        Assert.Equal(fixture.Pinned.Version, pin.GetProperty("newestKitVersion").GetString());

        var vulnerabilities = pinned.GetProperty("vulnerabilities");
        Assert.Equal("audited", vulnerabilities.GetProperty("status").GetString());
        Assert.Equal("all", vulnerabilities.GetProperty("auditMode").GetString());
        var packages = vulnerabilities.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(["Humanizer.Core", "OpenTelemetry"], packages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("2.14.1", "low", "NU1901", SupplyChainAuditFixture.DirectAdvisory, false), Describe(packages["Humanizer.Core"]));
        var transitive = packages["OpenTelemetry"];
        Assert.Equal(("critical", "NU1904", SupplyChainAuditFixture.TransitiveAdvisory, true), (transitive.GetProperty("severity").GetString(), transitive.GetProperty("code").GetString(), transitive.GetProperty("advisory").GetString(), transitive.GetProperty("transitive").GetBoolean()));
        Assert.Equal(["net10.0"], transitive.GetProperty("targetFrameworks").EnumerateArray().Select(f => f.GetString()));

        var mirrored = projects["Mirrored"].GetProperty("supplyChain").GetProperty("baseImage");
        Assert.Equal("current", mirrored.GetProperty("status").GetString());
        Assert.StartsWith("registry.example.com/mcr/dotnet/aspnet:10.0-noble-chiseled@", mirrored.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Equal("unpinned", projects["Unpinned"].GetProperty("supplyChain").GetProperty("baseImage").GetProperty("status").GetString());
        Assert.Equal(PinnedKitFeed.ApprovedAspNet, projects["Unpinned"].GetProperty("supplyChain").GetProperty("baseImage").GetProperty("newest").GetString());

        var library = projects["Library"].GetProperty("supplyChain");
        Assert.Equal(JsonValueKind.Null, library.GetProperty("baseImage").ValueKind);
        Assert.Equal("auditOff", library.GetProperty("vulnerabilities").GetProperty("status").GetString());

        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("outdatedBasePins").GetInt32());
        Assert.Equal(2 + projects["Mirrored"].GetProperty("supplyChain").GetProperty("vulnerabilities").GetProperty("packages").GetArrayLength() + projects["Unpinned"].GetProperty("supplyChain").GetProperty("vulnerabilities").GetProperty("packages").GetArrayLength(),
            summary.GetProperty("vulnerablePackages").GetInt32());
        Assert.Contains(projects["Unpinned"].GetProperty("supplyChain").GetProperty("vulnerabilities").GetProperty("packages").EnumerateArray(), p => p.GetProperty("id").GetString() == "OpenTelemetry");

        // Without evaluation the build facts are the records' only: no base image, but the last restore is still read.
        Assert.Equal(0, result.ExitCode);
        using var recordsOnly = result.Json();
        var fromRecords = recordsOnly.RootElement.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Pinned").GetProperty("supplyChain");
        Assert.Equal(JsonValueKind.Null, fromRecords.GetProperty("baseImage").ValueKind);
        Assert.Equal(2, fromRecords.GetProperty("vulnerabilities").GetProperty("packages").GetArrayLength());
    }

    [Fact]
    public async Task Table_markdown_sarif_and_techinsights_show_the_drifted_pin_and_each_vulnerable_package()
    {
        var table = await InProcessCli.RunAsync("audit", fixture.Root, "--feed", fixture.Pinned.Directory);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"base pin: src/Pinned/Pinned.csproj: mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@{PinnedKitFeed.OldAspNet} is pinned to {PinnedKitFeed.OldAspNet}; Platform.Sdk {fixture.Pinned.Version} approves {PinnedKitFeed.ApprovedAspNet}.", table.Output, StringComparison.Ordinal);
        Assert.Contains("base pin: src/Unpinned/Unpinned.csproj: ", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("base pin: src/Mirrored", table.Output, StringComparison.Ordinal);
        Assert.Contains($"vulnerable: src/Pinned/Pinned.csproj: Humanizer.Core 2.14.1 has a known low severity vulnerability (NU1901, direct, net10.0): {SupplyChainAuditFixture.DirectAdvisory}", table.Output, StringComparison.Ordinal);
        Assert.Contains("vulnerabilities: src/Library/Library.csproj: NuGetAudit is off", table.Output, StringComparison.Ordinal);
        Assert.Contains("Supply chain: base pins behind the newest approved 2, vulnerable packages ", table.Output, StringComparison.Ordinal);

        var markdown = await InProcessCli.RunAsync("audit", fixture.Root, "--feed", fixture.Pinned.Directory, "--format", "markdown");
        Assert.Contains("- vulnerable: src/Pinned/Pinned.csproj: OpenTelemetry ", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("- base pin: src/Pinned/Pinned.csproj: ", markdown.Output, StringComparison.Ordinal);

        var sarif = await InProcessCli.RunAsync("audit", fixture.Root, "--feed", fixture.Pinned.Directory, "--format", "sarif");
        using var sarifJson = sarif.Json();
        var results = sarifJson.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var pinResults = results.Where(r => r.GetProperty("ruleId").GetString() == AuditRuleIds.OutdatedBasePin).ToList();
        Assert.Equal(["src/Pinned/Pinned.csproj", "src/Unpinned/Unpinned.csproj"], pinResults.Select(Location).Order(StringComparer.Ordinal));
        var critical = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == AuditRuleIds.VulnerablePackage && Location(r) == "src/Pinned/Pinned.csproj" && r.GetProperty("message").GetProperty("text").GetString()!.Contains("OpenTelemetry", StringComparison.Ordinal));
        Assert.Equal("error", critical.GetProperty("level").GetString());
        var rules = sarifJson.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(AuditRuleIds.VulnerablePackage, rules);

        var facts = await InProcessCli.RunAsync("audit", fixture.Root, "--feed", fixture.Pinned.Directory, "--format", "techinsights");
        using var factsJson = facts.Json();
        var byName = factsJson.RootElement.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("entity").GetProperty("name").GetString()!, f => f.GetProperty("facts"));
        Assert.False(byName["pinned"].GetProperty("platformBasePinUpToDate").GetBoolean());
        Assert.True(byName["mirrored"].GetProperty("platformBasePinUpToDate").GetBoolean());
        Assert.Equal(2, byName["pinned"].GetProperty("platformVulnerablePackages").GetInt32());
    }

    private static string Location(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;

    private static (string?, string?, string?, string?, bool) Describe(JsonElement package) => (
        package.GetProperty("version").GetString(), package.GetProperty("severity").GetString(), package.GetProperty("code").GetString(),
        package.GetProperty("advisory").GetString(), package.GetProperty("transitive").GetBoolean());
}
