using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemCache.Requests;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;
using SemCache.Server.Pipeline;
using SemCache.Storage;

namespace SemCache.Server.Endpoints;

/// <summary>GET /prompt/{prompt} (the Pollinations-compatible route) and GET /images/{sha256}.</summary>
public static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app, bool rateLimited)
    {
        var prompt = app.MapGet("/prompt/{**prompt}", GetPromptAsync);
        var images = app.MapGet("/images/{sha256}", GetImageAsync);
        if (rateLimited)
        {
            prompt.RequireRateLimiting(ClientRateLimit.PolicyName);
            images.RequireRateLimiting(ClientRateLimit.PolicyName);
        }

        return app;
    }

    private static async Task<IResult> GetPromptAsync(
        HttpContext context,
        [FromServices] RequestParser parser,
        [FromServices] ImageCache cache,
        [FromServices] RequestReporter reporter)
    {
        var started = Stopwatch.GetTimestamp();
        if (!TryParse(context, parser, "/prompt/", out var request, out var problem))
        {
            return problem;
        }

        var result = await cache.GetAsync(request, context.RequestAborted);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        reporter.Report(context.Response, request, result, elapsed);
        if (!result.HasImage)
        {
            return Results.Problem(
                title: result.ErrorTitle,
                detail: result.ErrorDetail,
                statusCode: result.StatusCode,
                extensions: new Dictionary<string, object?> { ["key"] = result.Key });
        }

        var etag = "\"" + result.Sha256 + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = CacheHeaders.CacheControlFor(result, request.IsPrivate);
        if (!request.IsPrivate && context.Request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(etag, StringComparison.Ordinal) || v.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(result.Body!, result.ContentType);
    }

    private static async Task<IResult> GetImageAsync(string sha256, HttpContext context, [FromServices] IImageStore store)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return Results.Problem(title: "Invalid image id", detail: "An image id is 64 lowercase hex digits.", statusCode: 400);
        }

        var etag = "\"" + sha256 + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Contains(etag, StringComparison.Ordinal)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var blob = await store.GetBlobAsync(sha256, context.RequestAborted);
        return blob is null
            ? Results.Problem(title: "Image not found", statusCode: 404)
            : Results.Bytes(blob.Bytes, blob.ContentType);
    }

    /// <summary>Parses from the raw target, so malformed escapes and non-UTF-8 bytes are caught, not guessed.</summary>
    internal static bool TryParse(HttpContext context, RequestParser parser, string prefix, out ImageRequest request, out IResult problem)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            raw = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        string? tenant = null;
        var tenants = context.RequestServices.GetRequiredService<SemCacheSettings>().Tenants;
        if (tenants.ApiKeys.Count > 0)
        {
            tenant = tenants.Resolve(context.Request.Headers[TenantSettings.Header].FirstOrDefault());
            if (tenant is null)
            {
                request = null!;
                context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
                problem = Results.Problem(title: "API key required", detail: $"Send a valid key in the {TenantSettings.Header} header.", statusCode: StatusCodes.Status401Unauthorized);
                return false;
            }
        }

        if (parser.TryParseTarget(raw, prefix, tenant, out var parsed, out var error))
        {
            request = parsed;
            problem = Results.Empty;
            return true;
        }

        request = null!;
        problem = Results.Problem(
            title: "Invalid request",
            detail: error.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: error.Parameter is null ? null : new Dictionary<string, object?> { ["parameter"] = error.Parameter });
        return false;
    }
}
