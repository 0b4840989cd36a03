using System.Text.Json;
using System.Xml.Linq;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Adopt;

/// <summary>adopt on a legacy repo (plain Microsoft SDKs, findings, its own test stack, no feed) with the packed kit.</summary>
public sealed class AdoptTests
{
    private static Dictionary<string, string> LegacyRepo() => new()
    {
        // Overrides FixtureRepo's kit setup: a repo that has never heard of the kit.
        ["global.json"] = "{\n  // the .NET SDK only\n  \"sdk\": { \"version\": \"10.0.100\", \"rollForward\": \"latestMajor\" }\n}\n",
        ["NuGet.config"] = """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <!-- the public gallery (the test machine's mirror) -->
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """,
        ["Legacy.slnx"] = """
            <Solution>
              <Project Path="src/Orders/Orders.csproj" />
              <Project Path="src/Orders.Core/Orders.Core.csproj" />
              <Project Path="tests/Orders.Tests/Orders.Tests.csproj" />
            </Solution>
            """,
        ["src/Orders/Orders.csproj"] = """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Orders.Core/Orders.Core.csproj" />
              </ItemGroup>
            </Project>
            """,
        ["src/Orders/Program.cs"] = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/time", () => DateTime.Now.ToString("O"));
            app.Run();
            """,
        ["src/Orders.Core/Orders.Core.csproj"] = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """,
        ["src/Orders.Core/PaymentClient.cs"] = """
            namespace Orders.Core;

            /// <summary>Calls the payment provider.</summary>
            public sealed class PaymentClient
            {
                /// <summary>The old way.</summary>
                public HttpClient Create() => new HttpClient();
            }
            """,
        ["tests/Orders.Tests/Orders.Tests.csproj"] = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../../src/Orders.Core/Orders.Core.csproj" />
              </ItemGroup>
            </Project>
            """,
        ["tests/Orders.Tests/PaymentClientTests.cs"] = """
            using Xunit;

            namespace Orders.Tests;

            public sealed class PaymentClientTests
            {
                [Fact]
                public void Creates_a_client() => Assert.NotNull(new Orders.Core.PaymentClient().Create());
            }
            """,
    };

    /// <summary>The legacy service (no test project) whose central versions pin the OpenTelemetry exporter below the kit's floor, transitively, as eShop's do.</summary>
    private static Dictionary<string, string> PinnedRepo()
    {
        var repo = LegacyRepo();
        repo.Remove("tests/Orders.Tests/Orders.Tests.csproj");
        repo.Remove("tests/Orders.Tests/PaymentClientTests.cs");
        repo["Legacy.slnx"] = repo["Legacy.slnx"].Replace("  <Project Path=\"tests/Orders.Tests/Orders.Tests.csproj\" />\n", string.Empty, StringComparison.Ordinal);
        repo["Directory.Packages.props"] = """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
              </PropertyGroup>
              <ItemGroup>
                <!-- the exporter the team picked last year -->
                <PackageVersion Include="OpenTelemetry.Exporter.OpenTelemetryProtocol"  Version="1.15.3" />
              </ItemGroup>
            </Project>
            """;
        return repo;
    }

    [Fact]
    public async Task A_pin_below_the_kits_floor_is_named_and_with_raise_pins_raised_where_it_is_pinned()
    {
        var feed = await CliFeed.GetAsync();
        var root = await FixtureRepo.WriteAsync("adopt-pins", feed, PinnedRepo(), withNuGetOrg: true);
        var before = FixtureRepo.HashTree(root);
        var floor = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "OpenTelemetry.Exporter.OpenTelemetryProtocol").Attribute("Version")!.Value;

        var named = await InProcessCli.RunAsync("adopt", root, "--feed", feed.Directory, "--version", feed.KitVersion, "--owner", "team-orders");

        Assert.True(named.ExitCode == 23, named.ToString());
        Assert.Contains($"PLAT0407: the repo pins package(s) below what the kit needs", named.Error, StringComparison.Ordinal);
        Assert.Contains($"OpenTelemetry.Exporter.OpenTelemetryProtocol 1.15.3 -> {floor} (Platform.ServiceDefaults {feed.KitVersion} needs >= {floor}), pinned in Directory.Packages.props", named.Error, StringComparison.Ordinal);
        Assert.False(named.HasStackTrace, named.ToString());
        Assert.Equal(before, FixtureRepo.HashTree(root));

        var raised = await InProcessCli.RunAsync("adopt", root, "--feed", feed.Directory, "--version", feed.KitVersion, "--owner", "team-orders", "--raise-pins");

        Assert.True(raised.ExitCode == 0, raised.ToString());
        Assert.Contains("Raised 1 pin(s)", raised.Output, StringComparison.Ordinal);
        Assert.Contains("CI-mode build passed", raised.Output, StringComparison.Ordinal);
        var props = File.ReadAllText(Path.Combine(root, "Directory.Packages.props"));
        Assert.Contains("<!-- the exporter the team picked last year -->", props, StringComparison.Ordinal);
        Assert.Contains($"<PackageVersion Include=\"OpenTelemetry.Exporter.OpenTelemetryProtocol\"  Version=\"{floor}\" />", props, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_converts_the_projects_records_a_baseline_builds_in_CI_mode_and_a_second_run_changes_nothing()
    {
        var feed = await CliFeed.GetAsync();
        var root = await FixtureRepo.WriteAsync("adopt", feed, LegacyRepo(), withNuGetOrg: true);

        var result = await InProcessCli.RunAsync("adopt", root, "--feed", feed.Directory, "--version", feed.KitVersion, "--owner", "team-orders", "--target-date", "2099-12-31");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(result.HasStackTrace, result.ToString());
        Assert.Contains("converted  src/Orders/Orders.csproj: Microsoft.NET.Sdk.Web -> Platform.Sdk.Web", result.Output, StringComparison.Ordinal);
        Assert.Contains("converted  tests/Orders.Tests/Orders.Tests.csproj: Microsoft.NET.Sdk -> Platform.Sdk.Test", result.Output, StringComparison.Ordinal);
        Assert.Contains("3 project(s) converted", result.Output, StringComparison.Ordinal);
        Assert.Contains("CI-mode build passed", result.Output, StringComparison.Ordinal);

        // The user's comment and source stay; the kit is pinned and mapped; lock files are written.
        var globalJson = File.ReadAllText(Path.Combine(root, "global.json"));
        Assert.Contains("// the .NET SDK only", globalJson, StringComparison.Ordinal);
        Assert.Contains($"\"Platform.Sdk.Web\": \"{feed.KitVersion}\"", globalJson, StringComparison.Ordinal);
        var nugetConfig = File.ReadAllText(Path.Combine(root, "NuGet.config"));
        Assert.Contains("<!-- the public gallery", nugetConfig, StringComparison.Ordinal);
        Assert.Contains("<package pattern=\"Platform.*\" />", nugetConfig, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "src", "Orders", "packages.lock.json")));

        // Today's findings are in the baseline, under their projects.
        using var baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".platform", "baseline.json")));
        Assert.Equal("team-orders", baseline.RootElement.GetProperty("owner").GetString());
        var rules = baseline.RootElement.GetProperty("projects").EnumerateArray()
            .SelectMany(p => p.GetProperty("findings").EnumerateArray().Select(f => p.GetProperty("path").GetString() + " " + f.GetProperty("rule").GetString()))
            .ToList();
        Assert.Contains("src/Orders.Core/Orders.Core.csproj PLAT2001", rules);
        Assert.Contains("src/Orders/Orders.csproj PLAT3001", rules);

        // The audit reports the baseline per project, and the record's level is capped at silver.
        var audit = await InProcessCli.RunAsync("audit", root, "--records-only", "--offline", "--format", "json");
        using var report = audit.Json();
        var core = report.RootElement.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("path").GetString() == "src/Orders.Core/Orders.Core.csproj");
        Assert.Equal("silver", core.GetProperty("level").GetString());
        Assert.Equal(1, core.GetProperty("baseline").GetProperty("findings").GetInt32());
        Assert.True(report.RootElement.GetProperty("summary").GetProperty("baselineFindings").GetInt32() >= 2, audit.Output);

        // Safe to run again: nothing left to change.
        var again = await InProcessCli.RunAsync("adopt", root, "--feed", feed.Directory, "--version", feed.KitVersion, "--dry-run");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Dry run: 0 file(s) would change", again.Output, StringComparison.Ordinal);
        Assert.Contains("unchanged  src/Orders/Orders.csproj: already on Platform.Sdk.Web", again.Output, StringComparison.Ordinal);
    }
}
