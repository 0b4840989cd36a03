using Platform.Cli.Adopt;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Tests.Adopt;

/// <summary>Reading a failed restore's assets file for pins below the kit's floor, and raising a pin in its file's text.</summary>
public sealed class KitFloorTests
{
    // NuGet's types load from the .NET SDK, as in the tool.
    public KitFloorTests() => MSBuildHost.EnsureRegistered(RepoPaths.Root);

    // The shape restore writes when the repo pins the exporter below Platform.ServiceDefaults' dependency (abridged). The
    // file pins 1.15.3; the feed had only 1.15.4, so that is what resolved (NU1603): the file's version is the one named.
    private const string AssetsWithDowngrades = """
        {
          "version": 3,
          "project": {
            "frameworks": {
              "net10.0": {
                "dependencies": { "OpenTelemetry.Exporter.OpenTelemetryProtocol": { "target": "Package", "version": "[1.15.3, )", "versionCentrallyManaged": true } },
                "centralPackageVersions": { "OpenTelemetry.Exporter.OpenTelemetryProtocol": "1.15.3" }
              }
            }
          },
          "targets": {
            "net10.0": {
              "OpenTelemetry.Exporter.OpenTelemetryProtocol/1.15.4": { "type": "package", "dependencies": { "OpenTelemetry": "1.15.3" } },
              "Microsoft.Build.Utilities.Core/18.9.6": { "type": "package" },
              "Microsoft.Build.Tasks.Core/18.10.1": { "type": "package", "dependencies": { "Microsoft.Build.Utilities.Core": "[18.10.1]" } },
              "Platform.ServiceDefaults/1.4.0": { "type": "package", "dependencies": { "OpenTelemetry.Exporter.OpenTelemetryProtocol": "1.20.1", "OpenTelemetry.Extensions.Hosting": "1.20.1" } },
              "OpenTelemetry.Extensions.Hosting/1.20.1": { "type": "package" }
            }
          },
          "logs": [
            { "code": "NU1109", "level": "Error", "message": "Detected package downgrade: …", "libraryId": "OpenTelemetry.Exporter.OpenTelemetryProtocol", "targetGraphs": [ "net10.0" ] },
            { "code": "NU1605", "level": "Error", "message": "Detected package downgrade: …", "libraryId": "Microsoft.Build.Utilities.Core", "targetGraphs": [ "net10.0" ] }
          ]
        }
        """;

    [Fact]
    public void Only_a_downgrade_a_kit_package_asks_for_is_a_pin_below_the_floor()
    {
        var pin = Assert.Single(KitFloor.Read("Api.csproj", AssetsWithDowngrades));

        Assert.Equal(new KitFloorPin("Api.csproj", "OpenTelemetry.Exporter.OpenTelemetryProtocol", "1.15.3", "1.20.1", "Platform.ServiceDefaults 1.4.0"), pin);
        Assert.Empty(KitFloor.Read("Api.csproj", AssetsWithDowngrades.Replace("\"code\": \"NU1109\"", "\"code\": \"NU1608\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Raising_changes_only_the_version_text_of_the_named_package()
    {
        const string props = "<Project>\r\n  <ItemGroup>\r\n    <!-- picked last year -->\r\n    <PackageVersion Include=\"OpenTelemetry.Exporter.OpenTelemetryProtocol\"   Version='1.15.3' />\r\n    <PackageVersion Include=\"OpenTelemetry\" Version=\"1.15.3\" />\r\n  </ItemGroup>\r\n</Project>\r\n";
        var site = new PinSite("Directory.Packages.props", "PackageVersion", "Version", null);

        var raised = PinRaise.Raise(props, site, "opentelemetry.exporter.opentelemetryprotocol", "1.20.1", out var problem);

        Assert.Null(problem);
        Assert.Equal(props.Replace("Version='1.15.3'", "Version='1.20.1'", StringComparison.Ordinal), raised);
    }

    [Theory]
    [InlineData("$(OTelVersion)", "(a property): set that property to 1.20.1 or higher")]
    [InlineData("[1.15.3, 2.0)", "not a plain version")]
    [InlineData("1.21.0", "no <PackageVersion Include=\"OTel\" Version=\"…\" /> below 1.20.1")]
    public void A_pin_adopt_cannot_raise_safely_is_named_not_guessed(string version, string expected)
    {
        var props = $"<Project><ItemGroup><PackageVersion Include=\"OTel\" Version=\"{version}\" /></ItemGroup></Project>";

        var raised = PinRaise.Raise(props, new PinSite("p", "PackageVersion", "Version", null), "OTel", "1.20.1", out var problem);

        Assert.Null(raised);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Downgraded_projects_are_read_from_the_canonical_error_prefix()
    {
        string[] lines =
        [
            "/r/src/Api/Api.csproj : error NU1109: Detected package downgrade: X from 1.2 to centrally defined 1.1 [/r/R.slnx]",
            "/r/src/Api/Api.csproj : error NU1109:  Api -> Platform.ServiceDefaults 1.4.0 -> X (>= 1.2) [/r/R.slnx]",
            "/r/src/Web/Web.csproj : error NU1101: Unable to find package Y. [/r/R.slnx]",
        ];

        Assert.Equal(["/r/src/Api/Api.csproj"], AdoptPins.DowngradedProjects(lines));
    }
}
