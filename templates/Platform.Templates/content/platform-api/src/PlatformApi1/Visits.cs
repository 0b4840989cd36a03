using StackExchange.Redis;

namespace PlatformApi1;

/// <summary>How often a page was visited.</summary>
public sealed record VisitCount(string Page, long Visits);

/// <summary>POST and GET /visits/{page}: a counter in Redis over the one shared multiplexer (ConnectionStrings:cache).</summary>
internal static class Visits
{
    public static void MapVisits(this WebApplication app)
    {
        app.MapPost("/visits/{page}", async (string page, IConnectionMultiplexer cache) =>
            Results.Ok(new VisitCount(page, await cache.GetDatabase().StringIncrementAsync(Key(page)))));

        app.MapGet("/visits/{page}", async (string page, IConnectionMultiplexer cache) =>
        {
            var visits = await cache.GetDatabase().StringGetAsync(Key(page));
            return Results.Ok(new VisitCount(page, visits.HasValue ? (long)visits : 0));
        });
    }

    private static string Key(string page) => "visits:" + page;
}
