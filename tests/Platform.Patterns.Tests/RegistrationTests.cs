using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Patterns.PostgreSql;
using Platform.Patterns.RabbitMQ;
using Platform.Patterns.Redis;
using Platform.ServiceDefaults;

namespace Platform.Patterns.Tests;

/// <summary>What each registration call does before any server is involved: configuration and health-check wiring.</summary>
public sealed class RegistrationTests
{
    public static TheoryData<string> Patterns => ["postgres", "redis", "rabbitmq"];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Missing_connection_string_fails_with_PLAT0300_naming_the_key(string pattern)
    {
        // Aspire's own section is not a second source: only ConnectionStrings:<name> counts.
        var builder = PatternService.CreateBuilder(new()
        {
            ["Aspire:Npgsql:ConnectionString"] = "Host=elsewhere",
            ["Aspire:StackExchange:Redis:ConnectionString"] = "elsewhere:6379",
            ["Aspire:RabbitMQ:Client:ConnectionString"] = "amqp://elsewhere",
        });
        builder.AddPlatformDefaults();

        var error = Assert.Throws<PlatformConfigurationException>(() => Register(builder, pattern, "things"));

        Assert.Equal("PLAT0300", error.Code);
        Assert.StartsWith("PLAT0300: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ConnectionStrings:things'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__things", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres", "Host=db;Bogus Keyword=1")]
    [InlineData("rabbitmq", "http://broker:5672")]
    [InlineData("rabbitmq", "not a uri")]
    [InlineData("redis", "cache:6379,bogusOption=1")]
    public void Malformed_connection_string_fails_with_PLAT0301(string pattern, string value)
    {
        var builder = PatternService.CreateBuilder(new() { ["ConnectionStrings:things"] = value });
        builder.AddPlatformDefaults();

        var error = Assert.Throws<PlatformConfigurationException>(() => Register(builder, pattern, "things"));

        Assert.Equal("PLAT0301", error.Code);
        Assert.Contains("ConnectionStrings:things", error.Message, StringComparison.Ordinal);
        Assert.Contains("Write it as \"", error.Message, StringComparison.Ordinal);
        Assert.Contains("(https://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_pattern_check_is_on_readiness_only_and_liveness_keeps_only_self()
    {
        var builder = PatternService.CreateBuilder(new()
        {
            ["ConnectionStrings:orders"] = "Host=127.0.0.1;Port=1;Database=orders;Username=u;Password=p",
            ["ConnectionStrings:cache"] = "127.0.0.1:1",
            ["ConnectionStrings:messaging"] = "amqp://u:p@127.0.0.1:1/",
        });
        builder.AddPlatformDefaults();
        builder.AddPlatformPostgres("orders");
        builder.AddPlatformRedis("cache");
        builder.AddPlatformRabbitMQ("messaging");
        using var services = builder.Services.BuildServiceProvider();

        var registrations = services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToArray();

        var dependencyChecks = registrations.Where(r => r.Name != PlatformHealthChecks.SelfCheckName).ToArray();
        Assert.Equal(3, dependencyChecks.Length);
        Assert.All(dependencyChecks, r =>
        {
            Assert.Equal([PlatformHealthChecks.ReadyTag], r.Tags.ToArray());
            Assert.InRange(r.Timeout, TimeSpan.FromMilliseconds(1), PlatformDependencies.ReadinessCheckTimeout);
        });
        Assert.Equal([PlatformHealthChecks.SelfCheckName], registrations.Where(r => r.Tags.Contains(PlatformHealthChecks.LiveTag)).Select(r => r.Name).ToArray());
    }

    private static void Register(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, string pattern, string name)
    {
        switch (pattern)
        {
            case "postgres": builder.AddPlatformPostgres(name); break;
            case "redis": builder.AddPlatformRedis(name); break;
            default: builder.AddPlatformRabbitMQ(name); break;
        }
    }
}
