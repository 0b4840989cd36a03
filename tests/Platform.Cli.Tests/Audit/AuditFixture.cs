using System.Globalization;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Audit;

/// <summary>
/// One repo with every case the audit must report, built once per test class:
/// Gold (clean, PlatformOwner team-gold), Silver (owned by @org/silver-team through CODEOWNERS) (PLAT2001 under a deviation), Bronze (PLAT2001 finding), Expired (deviation expired: the
/// build fails), Old (a web service pinned to the older kit in its Sdk attribute, generated from an old template).
/// </summary>
public sealed class AuditFixture : IAsyncLifetime
{
    public const string LegacyClient = """
        namespace Legacy;

        /// <summary>Talks to the legacy service.</summary>
        public sealed class LegacyClient
        {
            /// <summary>Creates the client the old way.</summary>
            public HttpClient Create() => new HttpClient();
        }
        """;

    public const string GoldWebApp = """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformDefaults();

        var app = builder.Build();
        app.MapPlatformEndpoints();
        app.MapGet("/ping", () => Results.Ok("pong"));

        app.Run();
        """;

    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static readonly string SilverExpires = Today.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static readonly string ExpiredOn = Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Root { get; private set; } = string.Empty;

    public CliFeed Feed { get; private set; } = null!;

    public CommandResult Build { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Feed = await CliFeed.GetAsync();
        Root = await FixtureRepo.WriteAsync("audit", Feed, Files());
        Build = await FixtureRepo.BuildAsync(Root, "Fixture.slnx");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static Dictionary<string, string> Files() => new()
    {
        ["Fixture.slnx"] = """
            <Solution>
              <Project Path="src/Gold/Gold.csproj" />
              <Project Path="src/Silver/Silver.csproj" />
              <Project Path="src/Bronze/Bronze.csproj" />
              <Project Path="src/Expired/Expired.csproj" />
              <Project Path="src/Old/Old.csproj" />
            </Solution>
            """,
        ["src/Gold/Gold.csproj"] = "<Project Sdk=\"Platform.Sdk\">\n  <PropertyGroup>\n    <PlatformOwner>team-gold</PlatformOwner>\n  </PropertyGroup>\n</Project>\n",
        [".github/CODEOWNERS"] = "/src/Silver/ @org/silver-team @someone\n/src/Gold/ @org/not-used\n",
        ["src/Gold/Greeter.cs"] = SampleCode.Library,
        ["src/Silver/Silver.csproj"] = $"""
            <Project Sdk="Platform.Sdk">
              <ItemGroup>
                <PlatformDeviation Include="PLAT2001" Reason="Legacy SOAP client until the v2 migration" Owner="team-x" Expires="{SilverExpires}" />
              </ItemGroup>
            </Project>
            """,
        ["src/Silver/LegacyClient.cs"] = LegacyClient,
        ["src/Bronze/Bronze.csproj"] = "<Project Sdk=\"Platform.Sdk\">\n</Project>\n",
        ["src/Bronze/LegacyClient.cs"] = LegacyClient,
        ["src/Expired/Expired.csproj"] = $"""
            <Project Sdk="Platform.Sdk">
              <ItemGroup>
                <PlatformDeviation Include="PLAT2001" Reason="Was to be migrated last quarter" Owner="team-late" Expires="{ExpiredOn}" />
              </ItemGroup>
            </Project>
            """,
        ["src/Expired/LegacyClient.cs"] = LegacyClient,
        // Another SDK name than the others: within one build (and one evaluation context) MSBuild resolves an SDK
        // name to one version, whichever project asked first (MSB4240).
        ["src/Old/Old.csproj"] = "<Project Sdk=\"Platform.Sdk.Web/{old}\">\n</Project>\n",
        ["src/Old/Program.cs"] = GoldWebApp,
        ["src/Old/.platform/template.json"] = """{"schemaVersion":1,"templateId":"platform-library","templateVersion":"0.9.0","options":{}}""",
    };
}
