using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Server.Endpoints;

namespace SemCache.Server.Hosting;

/// <summary>A token bucket per client address; rejected requests get 429 with Retry-After and problem
/// details (OpenAI's error body on the OpenAI route).</summary>
public static class ClientRateLimit
{
    public const string PolicyName = "per-client";

    public static IServiceCollection AddClientRateLimit(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var detail = $"Rate limit of {settings.PermitsPerMinute} requests per minute reached; retry after {seconds} s.";

                // OpenAI clients read OpenAI's error body (and back off on its code); everyone else gets problem details.
                var result = context.HttpContext.Request.Path.StartsWithSegments(OpenAiImagesEndpoint.Path)
                    ? OpenAiImagesEndpoint.Error(StatusCodes.Status429TooManyRequests, detail, null, "rate_limit_exceeded")
                    : Results.Problem(title: "Too many requests", detail: detail, statusCode: StatusCodes.Status429TooManyRequests);
                await result.ExecuteAsync(context.HttpContext);
            };
            if (settings.PermitsPerMinute > 0)
            {
                options.AddPolicy(PolicyName, context => RateLimitPartition.GetTokenBucketLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(1, settings.Burst),
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / settings.PermitsPerMinute),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            }
        });
        return services;
    }
}
