using System.Net;
using System.Net.Http.Json;
#if (HasDependencies)
using Microsoft.AspNetCore.Hosting;
#endif
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PlatformApi1.Tests;

#if (HasDependencies)
public sealed class ApiTests(ApiTests.ServiceFactory factory) : IClassFixture<ApiTests.ServiceFactory>
#else
public sealed class ApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
#endif
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task Returns_the_product_from_the_catalog_with_the_time_it_was_read()
    {
        using var client = CreateClient(new CatalogStub(new Product(42, "Kettle")));

        var product = await client.GetFromJsonAsync<ProductView>("/products/42");

        Assert.Equal(new ProductView(42, "Kettle", Now), product);
    }

    [Fact]
    public async Task Answers_404_when_the_catalog_does_not_know_the_product()
    {
        using var client = CreateClient(new CatalogStub(product: null));

        using var response = await client.GetAsync(new Uri("/products/7", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
#if (!HasDependencies)
    [InlineData("/health/ready")]
#endif
    [InlineData("/health/startup")]
#if (!NoOpenApi)
    [InlineData("/openapi/v1.json")]
#endif
    public async Task Answers_on(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

#if (HasDependencies)
    [Fact]
    public async Task Is_not_ready_while_its_dependencies_are_unreachable_but_stays_alive()
    {
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        // Out of rotation, not restarted: the dependencies' checks are on readiness only.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

#endif
    private HttpClient CreateClient(CatalogStub catalog) =>
        factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
            services.AddHttpClient<CatalogClient>().ConfigurePrimaryHttpMessageHandler(() => catalog);
        })).CreateClient();

    /// <summary>Answers as the catalog service would, without a network.</summary>
    private sealed class CatalogStub(Product? product) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(product is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(product) });
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
#if (HasDependencies)

    /// <summary>
    /// The service with each connection string pointing at a closed loopback port: it starts without servers, and every
    /// dependency is down.
    /// </summary>
    public sealed class ServiceFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
#if (UsePostgres)
            builder.UseSetting("ConnectionStrings:database", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
#endif
#if (UseRedis)
            builder.UseSetting("ConnectionStrings:cache", "127.0.0.1:1,connectTimeout=2000");
#endif
#if (UseRabbitMQ)
            builder.UseSetting("ConnectionStrings:messaging", "amqp://127.0.0.1:1/");
#endif
        }
    }
#endif
}
