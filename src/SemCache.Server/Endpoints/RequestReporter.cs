using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SemCache.Core.Requests;
using SemCache.Server.Diagnostics;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Endpoints;

/// <summary>What every image route does once the cache answered: metrics, hit counts, the request log line, headers.</summary>
public sealed class RequestReporter(CacheCounters counters, HitRecorder hits, ILoggerFactory loggers)
{
    private readonly ILogger _requests = loggers.CreateLogger("SemCache.Requests");

    public void Report(HttpResponse response, ImageRequest request, CacheResult result, double elapsedMs)
    {
        counters.Request(result.Outcome, elapsedMs, result.SavedOriginMilliseconds);
        if (result.Outcome == CacheOutcome.ExactHit || result.MatchedKey is not null)
        {
            hits.Record(result.MatchedKey ?? result.Key);
        }

        Log.Request(_requests, result.Outcome.ToString(), result.StatusCode, result.Key, request.Partition[..12], result.Similarity ?? result.BestSimilarity, result.SemanticReason, elapsedMs);
        CacheHeaders.Apply(response, result, elapsedMs);
    }
}
