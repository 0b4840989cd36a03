using System.Diagnostics;
using System.Reflection;

namespace Platform.Analyzers.Tests;

/// <summary>
/// Builds a throwaway web project with the real compiler, the built analyzers and a mode's globalconfig, with
/// TreatWarningsAsErrors: the golden path (idiomatic Microsoft-docs code) must build clean in recommended mode, and
/// a violation must fail it (which also proves the analyzers load in the SDK's compiler, i.e. no CS9057).
/// </summary>
public class AnalysisModeBuildTests
{
    private static readonly string RepoRoot = typeof(AnalysisModeBuildTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private const string IdiomaticProgram = """
        using Microsoft.Extensions.Options;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<WeatherOptions>(builder.Configuration.GetSection("Weather"));
        builder.Services.AddHttpClient<WeatherClient>(client => client.BaseAddress = new Uri("https://weather.example.com"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<Poller>();
        var app = builder.Build();

        app.MapGet("/weather/{city}", async (string city, WeatherClient client, ILogger<WeatherClient> logger, CancellationToken token) =>
        {
            logger.LogInformation("Getting weather for {City}", city);
            return Results.Ok(await client.GetAsync(city, token));
        });
        app.MapGet("/time", (TimeProvider clock, IOptions<WeatherOptions> options) => new { Now = clock.GetUtcNow(), options.Value.Unit });

        app.MapGet("/forecast", (TimeProvider clock) =>
        {
            var summaries = new[] { "Freezing", "Mild", "Hot" };
            return Enumerable.Range(1, 5)
                .Select(index => new WeatherForecast(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(index)), Random.Shared.Next(-20, 55), summaries[Random.Shared.Next(summaries.Length)]))
                .ToArray();
        });

        app.Run();

        public record WeatherForecast(DateOnly Date, int TemperatureC, string? Summary)
        {
            public int TemperatureF => 32 + (int)(TemperatureC / 0.5556);
        }

        public sealed class WeatherOptions
        {
            public string Unit { get; set; } = "C";
        }

        public sealed class WeatherClient(HttpClient http, ILogger<WeatherClient> logger)
        {
            public async Task<string> GetAsync(string city, CancellationToken cancellationToken)
            {
                logger.LogDebug("Calling upstream for {City}", city);
                return await http.GetStringAsync($"/weather/{Uri.EscapeDataString(city)}", cancellationToken);
            }
        }

        public sealed class Poller(ILogger<Poller> logger, TimeProvider clock) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    logger.LogInformation("Polled at {Time}", clock.GetUtcNow());
                }
            }
        }
        """;

    [Theory]
    [InlineData("recommended")]
    [InlineData("minimum")]
    public async Task Idiomatic_web_service_builds_clean_with_warnings_as_errors(string mode)
    {
        var (exitCode, output) = await BuildAsync(mode, IdiomaticProgram);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Strict_mode_asks_for_LoggerMessage_and_ConfigureAwait()
    {
        var (exitCode, output) = await BuildAsync("strict", IdiomaticProgram);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("error CA1848", output);
        Assert.Contains("error CA2007", output);
    }

    [Fact]
    public async Task Platform_rule_violation_fails_the_build_in_recommended_mode()
    {
        var source = IdiomaticProgram + "\npublic sealed class Legacy { public HttpClient Create() => new HttpClient(); }\n";
        var (exitCode, output) = await BuildAsync("recommended", source);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("error PLAT2001", output);
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string mode, string program)
    {
        var directory = Path.Combine(Path.GetTempPath(), "platform-analyzers-build", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var binDirectory = Path.GetDirectoryName(typeof(Rules).Assembly.Location)!;
            var config = Path.Combine(RepoRoot, "analyzers", "Platform.Analyzers", "config", mode + ".globalconfig");
            await File.WriteAllTextAsync(Path.Combine(directory, "Directory.Build.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(directory, "Service.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <PlatformProjectKind>web</PlatformProjectKind>
                    <!-- As Platform.Sdk does: the analysis level of the mode, tamed by the mode's globalconfig. -->
                    <AnalysisLevel>latest-{(mode == "minimum" ? "minimum" : "recommended")}</AnalysisLevel>
                  </PropertyGroup>
                  <ItemGroup>
                    <Analyzer Include="{Path.Combine(binDirectory, "Platform.Analyzers.dll")}" />
                    <Analyzer Include="{Path.Combine(binDirectory, "Platform.Analyzers.CodeFixes.dll")}" />
                    <GlobalAnalyzerConfigFiles Include="{config}" />
                    <CompilerVisibleProperty Include="PlatformProjectKind" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), program);

            var start = new ProcessStartInfo("dotnet", "build -nologo -nodeReuse:false -p:UseSharedCompilation=false")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
