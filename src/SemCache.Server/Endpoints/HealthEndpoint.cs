using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Endpoints;

/// <summary>
/// GET /health: 200 "healthy" when every component works, 200 "degraded" (with reasons) when the semantic tier or the
/// store is failing but requests are still served through the exact tier and the origin.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (ComponentHealth health, PersistenceQueue queue) => Results.Json(new
        {
            status = health.IsDegraded ? "degraded" : "healthy",
            failures = health.Failures,
            store_queue = queue.StoreQueueLength,
            index_queue = queue.IndexQueueLength,
        }));
        return app;
    }
}
