using System.Diagnostics;
using System.Text.Json;
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

/// <summary>
/// POST /v1/images/generations, compatible with the OpenAI Images API: the same request model, partitions and tiers as
/// GET /prompt/{prompt}, answered as <c>{created, data:[{b64_json}|{url}]}</c> with the same X-Cache headers. A
/// <c>url</c> points at GET /images/{sha256}. Errors use OpenAI's shape <c>{"error":{message,type,param,code}}</c>.
/// </summary>
public static class OpenAiImagesEndpoint
{
    public const string Path = "/v1/images/generations";

    /// <summary>Far above any real body (a prompt is capped by Limits:MaxPromptLength); stops memory abuse early.</summary>
    private const int MaxBodyBytes = 1 << 20;

    public static IEndpointRouteBuilder MapOpenAiImagesEndpoint(this IEndpointRouteBuilder app, bool rateLimited)
    {
        var generations = app.MapPost(Path, GenerateAsync).RequireTenantKeyOrBearer(context =>
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, $"Send a valid API key as Authorization: Bearer or in the {TenantSettings.Header} header.", null, "invalid_api_key");
        });
        if (rateLimited)
        {
            generations.RequireRateLimiting(ClientRateLimit.PolicyName);
        }

        return app;
    }

    private static async Task<IResult> GenerateAsync(
        HttpContext context,
        [FromServices] RequestParser parser,
        [FromServices] ImageCache cache,
        [FromServices] IImageStore store,
        [FromServices] RequestReporter reporter)
    {
        var started = Stopwatch.GetTimestamp();
        var tenant = TenantKeyFilter.TenantOf(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "The request body is not valid JSON.", null, "invalid_json");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", null, "request_too_large");
        }

        using (document)
        {
            if (!OpenAiImagesMapping.TryMap(document.RootElement, out var mapped, out var mapError))
            {
                return Error(StatusCodes.Status400BadRequest, mapError.Message, mapError.Parameter, "invalid_value");
            }

            if (!parser.TryParse(mapped.Prompt, mapped.Query, tenant, out var request, out var parseError))
            {
                return Error(StatusCodes.Status400BadRequest, parseError.Message, OpenAiImagesMapping.OpenAiParameter(parseError.Parameter), "invalid_value");
            }

            var result = await cache.GetAsync(request, context.RequestAborted);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            reporter.Report(context.Response, request, result, elapsed);
            if (result is not ServedImage image)
            {
                var failed = (OriginProblem)result;
                var code = failed.Status == StatusCodes.Status504GatewayTimeout ? "origin_timeout" : "origin_error";
                return Error(failed.Status, $"{failed.Title}: {failed.Detail}", null, code);
            }

            context.Response.Headers.CacheControl = "no-store"; // a POST answer; the image itself is cached at its url
            var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (!mapped.AsUrl)
            {
                return Results.Json(new { created, data = new[] { new { b64_json = Convert.ToBase64String(image.Body) } } });
            }

            // The background writer may not have stored a new image yet (or may have skipped it under load): make sure
            // the url works now. Blobs are content-addressed, so writing one twice is harmless.
            try
            {
                if (!await store.BlobExistsAsync(image.Sha256, context.RequestAborted))
                {
                    await store.PutBlobAsync(image.Body, image.ContentType, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "The image store is unavailable, so no url can be given; ask for response_format b64_json.", "response_format", "store_unavailable");
            }

            var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/images/{image.Sha256}";
            return Results.Json(new { created, data = new[] { new { url } } });
        }
    }

    /// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    internal static IResult Error(int status, string message, string? param, string? code)
    {
        var type = status switch
        {
            >= 500 => "server_error",
            StatusCodes.Status429TooManyRequests => "requests",
            _ => "invalid_request_error",
        };
        return Results.Json(new { error = new { message, type, param, code } }, statusCode: status);
    }
}
