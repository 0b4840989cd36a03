using Npgsql;

namespace PlatformApi1;

/// <summary>An item as stored in PostgreSQL (table from Migrations/0001_create_items.sql).</summary>
public sealed record Item(long Id, string Name);

/// <summary>The body of POST /items.</summary>
public sealed record NewItem(string Name);

/// <summary>POST /items and GET /items/{id}: one write and one read through the pooled NpgsqlDataSource (ConnectionStrings:database).</summary>
internal static class Items
{
    public static void MapItems(this WebApplication app)
    {
        app.MapPost("/items", async (NewItem item, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            await using var insert = database.CreateCommand("INSERT INTO items (name) VALUES ($1) RETURNING id");
            insert.Parameters.AddWithValue(item.Name);
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            return Results.Created($"/items/{id}", new Item(id, item.Name));
        });

        app.MapGet("/items/{id:long}", async (long id, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            await using var select = database.CreateCommand("SELECT name FROM items WHERE id = $1");
            select.Parameters.AddWithValue(id);
            return await select.ExecuteScalarAsync(cancellationToken) is string name ? Results.Ok(new Item(id, name)) : Results.NotFound();
        });
    }
}
