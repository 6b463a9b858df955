using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SemCache.Core.Requests;
using SemCache.Core.Storage;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Endpoints;

/// <summary>GET /prompt/{prompt} (the Pollinations-compatible route) and GET /images/{sha256}.</summary>
public static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app, bool rateLimited)
    {
        var prompt = app.MapGet("/prompt/{**prompt}", GetPromptAsync).RequireTenantKey();
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
        if (result is not ServedImage image)
        {
            var failed = (OriginProblem)result;
            return Results.Problem(
                title: failed.Title,
                detail: failed.Detail,
                statusCode: failed.Status,
                extensions: new Dictionary<string, object?> { ["key"] = failed.Key });
        }

        var etag = "\"" + image.Sha256 + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = CacheHeaders.CacheControlFor(image, request.IsPrivate);
        if (!request.IsPrivate && context.Request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(etag, StringComparison.Ordinal) || v.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(image.Body, image.ContentType);
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

    /// <summary>
    /// Parses from the raw target, so malformed escapes and non-UTF-8 bytes are caught, not guessed. The route must
    /// carry <see cref="TenantKeyFilterExtensions.RequireTenantKey"/>: the tenant comes from it.
    /// </summary>
    internal static bool TryParse(HttpContext context, RequestParser parser, string prefix, out ImageRequest request, out IResult problem)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            raw = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        // The route's TenantKeyFilter has checked the key already.
        if (parser.TryParseTarget(raw, prefix, TenantKeyFilter.TenantOf(context), out var parsed, out var error))
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
