using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SemCache.Core.Requests;
using SemCache.Server.Hosting;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Endpoints;

/// <summary>
/// GET /explain/{prompt}?same parameters: what the cache would do and why, without calling the origin.
/// </summary>
public static class ExplainEndpoint
{
    public static IEndpointRouteBuilder MapExplainEndpoint(this IEndpointRouteBuilder app, bool rateLimited)
    {
        var explain = app.MapGet("/explain/{**prompt}", ExplainAsync).RequireTenantKey();
        if (rateLimited)
        {
            explain.RequireRateLimiting(ClientRateLimit.PolicyName);
        }

        return app;
    }

    private static async Task<IResult> ExplainAsync(HttpContext context, [FromServices] RequestParser parser, [FromServices] CacheExplainer explainer)
    {
        if (!ImageEndpoints.TryParse(context, parser, "/explain/", out var request, out var problem))
        {
            return problem;
        }

        return Results.Json(await explainer.ExplainAsync(request, context.RequestAborted), CacheExplainer.JsonOptions);
    }
}
