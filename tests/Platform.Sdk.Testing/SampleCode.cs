namespace Platform.Sdk.Testing;

/// <summary>Idiomatic code as Microsoft's docs write it: the golden path must build it clean, in CI too.</summary>
public static class SampleCode
{
    public const string MinimalWebApp = """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformDefaults();

        var app = builder.Build();
        app.MapPlatformEndpoints();

        app.MapGet("/orders/{id}", (int id, ILogger<Program> logger) =>
        {
            logger.LogInformation("Fetching order {OrderId}", id);
            return Results.Ok(new { Id = id });
        });

        app.Run();
        """;

    public const string Library = """
        namespace Probe;

        /// <summary>Greets people with the configured greeting.</summary>
        public sealed class Greeter(string greeting)
        {
            /// <summary>Returns a greeting for <paramref name="name"/>.</summary>
            public string Greet(string name) => $"{greeting}, {name}!";
        }
        """;

    public const string PassingTest = """
        namespace Probe.Tests;

        public class ProbeTests
        {
            [Fact]
            public void Adds() => Assert.Equal(4, 2 + 2);
        }
        """;
}
