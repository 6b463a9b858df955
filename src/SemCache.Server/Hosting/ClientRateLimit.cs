using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace SemCache.Server.Hosting;

/// <summary>A token bucket per client address; rejected requests get 429 problem details with Retry-After.</summary>
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
                await Results.Problem(
                    title: "Too many requests",
                    detail: $"Rate limit of {settings.PermitsPerMinute} requests per minute reached; retry after {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
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
