using System.Globalization;
using Microsoft.AspNetCore.Http;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Endpoints;

/// <summary>The headers that tell a client and an operator why a request hit or missed.</summary>
public static class CacheHeaders
{
    public const string Cache = "X-Cache";
    public const string CacheType = "X-Cache-Type";
    public const string Similarity = "X-Semantic-Similarity";
    public const string BestSimilarity = "X-Semantic-Best-Similarity";
    public const string Threshold = "X-Semantic-Threshold";
    public const string Key = "X-Cache-Key";
    public const string SemanticReason = "X-Semantic-Reason";

    public static void Apply(HttpResponse response, CacheResult result, double elapsedMs)
    {
        var h = response.Headers;

        // Server-Timing names each part that ran, so an operator (and `semcache bench`) sees where a slow request went.
        h["Server-Timing"] = StageTimings.Format(result.Timings, result.OriginMilliseconds, elapsedMs);
        h[Key] = result.Key;
        switch (result.Outcome)
        {
            case CacheOutcome.ExactHit:
                h[Cache] = "HIT";
                h[CacheType] = "EXACT";
                break;
            case CacheOutcome.SemanticHit:
                h[Cache] = "HIT";
                h[CacheType] = "SEMANTIC";
                h[Similarity] = Format(result.Similarity);
                break;
            case CacheOutcome.SemanticFallback:
                h[Cache] = "HIT";
                h[CacheType] = "SEMANTIC-FALLBACK";
                h[Similarity] = Format(result.Similarity);
                break;
            case CacheOutcome.Bypass:
                h[Cache] = "BYPASS";
                break;
            default:
                h[Cache] = "MISS";
                break;
        }

        if (result.Outcome is not (CacheOutcome.SemanticHit or CacheOutcome.SemanticFallback) && result.BestSimilarity is not null)
        {
            h[BestSimilarity] = Format(result.BestSimilarity);
        }

        if (result.Threshold is not null)
        {
            h[Threshold] = Format(result.Threshold);
        }

        if (result.SemanticReason is not null)
        {
            h[SemanticReason] = result.SemanticReason;
        }
    }

    /// <summary>
    /// Cache-Control of an image answer. A fallback stands in for an image the origin could not make: shared caches
    /// must not keep it, or the stand-in would outlive the outage.
    /// </summary>
    public static string CacheControlFor(CacheResult result, bool isPrivate) =>
        isPrivate ? "private, no-store"
        : result.Outcome == CacheOutcome.SemanticFallback ? "no-store"
        : "public, max-age=86400";

    private static string Format(float? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? string.Empty;
}
