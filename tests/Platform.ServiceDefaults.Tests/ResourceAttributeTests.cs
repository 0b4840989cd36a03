using Microsoft.AspNetCore.Builder;
using Platform.Testing.Otlp;

namespace Platform.ServiceDefaults.Tests;

public sealed class ResourceAttributeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task OTEL_SERVICE_NAME_and_OTEL_RESOURCE_ATTRIBUTES_win_over_the_stamped_metadata()
    {
        var stampedName = "stamped-" + Guid.NewGuid().ToString("N")[..6];
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = TestService.OtlpSettings(receiver.Endpoint);
        settings["OTEL_SERVICE_NAME"] = "from-otel-service-name";
        settings["OTEL_RESOURCE_ATTRIBUTES"] = "service.version=9.9.9,deployment.environment.name=qa,team=checkout";

        await using var service = await TestService.StartAsync(
            TestServiceAssembly.ForService(stampedName, version: "1.0.0"),
            settings,
            configureApp: app => app.MapGet("/precedence", () => "ok"));

        await service.Client.GetStringAsync("/precedence");
        var span = await receiver.WaitForSpanAsync(s => s.Attributes.GetString("http.route") == "/precedence", Wait);

        Assert.Equal("from-otel-service-name", span.Resource.GetString("service.name"));
        Assert.Equal("9.9.9", span.Resource.GetString("service.version"));
        Assert.Equal("qa", span.Resource.GetString("deployment.environment.name"));
        Assert.Equal("checkout", span.Resource.GetString("team"));
        // Values nobody overrode are still the stamped ones.
        Assert.Equal("platform-tests", span.Resource.GetString("service.namespace"));
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", span.Resource.GetString("vcs.ref.head.revision"));
    }
}
