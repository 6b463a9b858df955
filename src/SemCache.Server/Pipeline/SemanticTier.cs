using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Requests;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Server.Diagnostics;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Embeds the prompt, searches its partition and lets the decider judge the candidates. A failing embedder or index
/// degrades this tier to a miss with a reason; it never fails the request.
/// </summary>
public sealed class SemanticTier(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IPromptCoverage coverage,
    IVectorIndex index,
    SemanticDecider decider,
    ComponentHealth health,
    CacheCounters counters,
    ILogger<SemanticTier> logger)
{
    public SemanticDecider Decider => decider;

    public string EmbedderId => coverage.EmbedderId;

    public PromptProfile Profile(string canonicalPrompt) => decider.Profile(canonicalPrompt, coverage);

    /// <param name="timings">Receives the time of each part (embed, search, decide) when given.</param>
    public async Task<SemanticLookup> LookupAsync(ImageRequest request, bool searchAllowed, CancellationToken cancellationToken, StageTimings? timings = null)
    {
        var profiling = Stopwatch.GetTimestamp();
        var profile = decider.Profile(request.CanonicalPrompt, coverage);
        var decideMs = Stopwatch.GetElapsedTime(profiling).TotalMilliseconds;
        if (timings is not null)
        {
            timings.Decide = decideMs;
        }

        if (!profile.SemanticEligible)
        {
            return new SemanticLookup(profile, null, null, "prompt-not-readable:" + (profile.IneligibleReason ?? "unknown"));
        }

        float[] vector;
        try
        {
            using var span = SemCacheTelemetry.Source.StartActivity("embedding.generate");
            var started = Stopwatch.GetTimestamp();
            // An es/fr/de prompt is embedded as its English rendering (English-only embedder), like its stored entry.
            var generated = await embedder.GenerateAsync([decider.EmbeddingText(request.CanonicalPrompt, coverage.IsMultilingual)], cancellationToken: cancellationToken);
            var embedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            counters.Embedded(1, embedMs);
            timings?.Embed = embedMs;
            vector = generated[0].Vector.ToArray();
            health.Succeeded(ComponentHealth.Embedder);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            health.Failed(ComponentHealth.Embedder, ex.GetType().Name);
            Log.EmbedderFailed(logger, ex.GetType().Name, ex);
            return new SemanticLookup(profile, null, null, "embedder-unavailable");
        }

        if (!searchAllowed)
        {
            return new SemanticLookup(profile, vector, null, "explicit-seed");
        }

        IReadOnlyList<IndexCandidate> candidates;
        try
        {
            using var span = SemCacheTelemetry.Source.StartActivity("index.search");
            span?.SetTag("semcache.partition", request.Partition);
            var started = Stopwatch.GetTimestamp();
            candidates = await index.SearchAsync(request.Partition, coverage.EmbedderId, vector, decider.Options.Candidates, cancellationToken);
            var searchMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            counters.Searched(searchMs);
            timings?.Search = searchMs;
            span?.SetTag("semcache.candidates", candidates.Count);
            health.Succeeded(ComponentHealth.Index);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            health.Failed(ComponentHealth.Index, ex.GetType().Name);
            Log.IndexFailed(logger, ex.GetType().Name, ex);
            return new SemanticLookup(profile, vector, null, "index-unavailable");
        }

        candidates = await GlossChoicesAsync(request.CanonicalPrompt, vector, candidates, timings, cancellationToken);
        var deciding = Stopwatch.GetTimestamp();
        var decision = decider.Decide(request.CanonicalPrompt, profile, candidates, coverage.IsMultilingual);
        timings?.Decide = decideMs + Stopwatch.GetElapsedTime(deciding).TotalMilliseconds;
        return new SemanticLookup(profile, vector, decision, decision.IsHit ? null : (candidates.Count == 0 ? "no-candidates" : decision.Reason));
    }

    /// <summary>
    /// Candidates across languages embedded again with glosses chosen for the pair (<see cref="GlossChoiceScorer"/>);
    /// counted as embedding time. An embedder failing here leaves the search's similarities: the lookup goes on.
    /// </summary>
    private async Task<IReadOnlyList<IndexCandidate>> GlossChoicesAsync(string canonicalPrompt, float[] vector, IReadOnlyList<IndexCandidate> candidates, StageTimings? timings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await GlossChoiceScorer.RescoreAsync(decider, embedder, canonicalPrompt, vector, candidates, coverage.IsMultilingual, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            health.Failed(ComponentHealth.Embedder, ex.GetType().Name);
            Log.EmbedderFailed(logger, ex.GetType().Name, ex);
            return candidates;
        }
        finally
        {
            timings?.Embed += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }
}
