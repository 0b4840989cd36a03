using System.Net;

namespace PlatformApi1;

/// <summary>A product as the catalog service returns it.</summary>
public sealed record Product(int Id, string Name);

/// <summary>A product as this service returns it, with the time it was read.</summary>
public sealed record ProductView(int Id, string Name, DateTimeOffset ReadAt);

/// <summary>Typed client for the catalog service (Catalog:BaseUrl); resilience and tracing come from the platform defaults.</summary>
public sealed class CatalogClient(HttpClient http)
{
    /// <summary>The product, or null when the catalog does not know it.</summary>
    public async Task<Product?> GetProductAsync(int id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/products/{id}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Product>(cancellationToken);
    }
}
