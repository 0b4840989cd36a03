namespace Platform.Testing.Containers.Tests;

/// <summary>A five-line ASP.NET Core app, written to a temp folder and published with the machine's SDK.</summary>
public static class SampleApp
{
    public const string AssemblyName = "HealthApp";

    public static async Task<string> PublishAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, AssemblyName + ".csproj"), """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <InvariantGlobalization>true</InvariantGlobalization>
                <UseAppHost>false</UseAppHost>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), """
            var app = WebApplication.CreateSlimBuilder(args).Build();
            app.MapGet("/health", () => $"healthy user={Environment.UserName}");
            app.MapGet("/health/ready", () => "ready");
            app.Run();
            """);
        // Isolate from the repo (no Directory.Build.props above /tmp) and from the test host's MSBuild variables.
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
            ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
            ["VSTEST_HOST_DEBUG"] = null,
        };
        var output = Path.Combine(directory, "out");
        var dotnet = Path.Combine(ToolAvailability.Current.DotnetRoot ?? "/usr/share/dotnet", "dotnet");
        (await ProcessRunner.RunAsync(
            dotnet,
            ["publish", "-c", "Release", "-o", output, "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            TimeSpan.FromMinutes(3),
            directory,
            env)).EnsureSuccess();
        return output;
    }
}
