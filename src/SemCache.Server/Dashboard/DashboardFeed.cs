using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Server.Diagnostics;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Dashboard;

/// <summary>Everything the dashboard shows, in one JSON document (GET /dashboard/data, snake_case).</summary>
public sealed class DashboardFeed(
    CacheCounters counters,
    RequestHistory history,
    RecentHits recentHits,
    IVectorIndex index,
    PersistenceQueue queue,
    ComponentHealth health,
    SemanticTier semantic,
    IPromptCoverage coverage,
    Review.ReviewSummary reviewSummary,
    Review.ReviewMetrics reviewMetrics)
{
    public async Task<object> BuildAsync(CancellationToken cancellationToken)
    {
        var c = counters.Snapshot();
        var hits = recentHits.Snapshot();
        IReadOnlyDictionary<string, long> partitions;
        string? partitionsError = null;
        try
        {
            partitions = await index.CountByPartitionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            partitions = new Dictionary<string, long>();
            partitionsError = "index unavailable (" + ex.GetType().Name + ")";
        }

        // Partitions are hashes; name the ones a recent hit described.
        var described = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            described.TryAdd(hit.Partition, hit.PartitionDescription);
        }

        return new
        {
            totals = new
            {
                requests = c.Requests,
                exact_hits = c.ExactHits,
                semantic_hits = c.SemanticHits,
                misses = c.Misses,
                bypassed = c.Bypassed,
                origin_errors = c.OriginErrors,
                hit_rate = c.HitRate,
                origin_seconds_saved = c.OriginSecondsSaved,
                stored = c.Stored,
                bytes_stored = c.BytesStored,
                indexed = c.Indexed,
            },
            health = health.IsDegraded ? "degraded" : "healthy",
            failures = health.Failures,
            store_queue = queue.StoreQueueLength,
            index_queue = queue.IndexQueueLength,
            threshold = semantic.Decider.Options.Threshold,
            semantic_mode = semantic.Decider.Options.Mode,
            review = Review.ReviewEndpoints.SummaryJson(reviewSummary.Current, reviewMetrics),
            embedder = coverage.EmbedderId,
            interval_seconds = RequestHistory.Interval.TotalSeconds,
            series = history.Snapshot().Select(p => new
            {
                at = p.At,
                requests = p.Requests,
                exact_hits = p.ExactHits,
                semantic_hits = p.SemanticHits,
                misses = p.Misses,
                errors = p.Errors,
                hit_rate = p.HitRate,
                hit_ms = p.HitMs,
                miss_ms = p.MissMs,
            }),
            recent_semantic_hits = hits.Select(h => new
            {
                at = h.At,
                prompt = h.Prompt,
                matched_prompt = h.MatchedPrompt,
                similarity = h.Similarity,
                sha256 = h.Sha256,
                image = "/images/" + h.Sha256,
                partition = h.Partition,
            }),
            partitions = partitions.OrderByDescending(p => p.Value).Select(p => new
            {
                partition = p.Key,
                description = described.GetValueOrDefault(p.Key),
                entries = p.Value,
            }),
            partitions_error = partitionsError,
        };
    }
}
