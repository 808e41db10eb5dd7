using Microsoft.EntityFrameworkCore;
using ParIndex.Web.Data;

namespace ParIndex.Web.Infrastructure;

public static class HealthEndpoint
{
    /// <summary>200 when the database answers a real query, 503 when it does not; never cached.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (ParIndexDbContext db, ILoggerFactory loggers, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            try
            {
                await db.Units.AsNoTracking().AnyAsync(ct);
                return Results.Text("Healthy", "text/plain", statusCode: StatusCodes.Status200OK);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                loggers.CreateLogger("Health").LogWarning(ex, "Health check: the database does not answer");
                return Results.Text("Unhealthy", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
