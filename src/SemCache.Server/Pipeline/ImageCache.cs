using System.Diagnostics;
using SemCache.Core.Embedding;
using SemCache.Core.Requests;
using SemCache.Matching;
using SemCache.Server.Hosting;

namespace SemCache.Server.Pipeline;

/// <summary>
/// The request pipeline: exact tier, then semantic tier, then origin. Each tier is a small class of its own; this one
/// only composes them and turns their findings into a <see cref="ServedImage"/> or an <see cref="OriginProblem"/>.
/// </summary>
public sealed class ImageCache(
    ExactTier exact,
    SemanticTier semantic,
    OriginTier origin,
    PersistenceQueue persistence,
    SemCacheSettings settings,
    IPromptCoverage coverage,
    Dashboard.RecentHits recentHits,
    Review.PairRecorder recorder,
    Review.ReviewMetrics reviewMetrics)
{
    private readonly SemanticFallback _fallback = new(settings, coverage);
    private readonly string _mode = settings.Semantic.Mode;

    public SemanticTier Semantic => semantic;

    public ExactTier Exact => exact;

    public async Task<CacheResult> GetAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var timings = new StageTimings();
        if (request.IsPrivate)
        {
            var direct = await origin.FetchPrivateAsync(request, cancellationToken);
            return FromOrigin(request, direct, CacheOutcome.Bypass, null, timings);
        }

        var started = Stopwatch.GetTimestamp();
        var stored = await exact.LookupAsync(request.Key, cancellationToken);
        timings.AddStore(started);
        if (stored is not null)
        {
            return new ServedImage
            {
                Timings = timings,
                Outcome = CacheOutcome.ExactHit,
                Key = request.Key,
                Body = stored.Bytes,
                ContentType = stored.ContentType,
                Sha256 = stored.Sha256,
                SavedOriginMilliseconds = stored.OriginMilliseconds,
                Threshold = semantic.Decider.Options.Threshold,
            };
        }

        var searchAllowed = !(settings.SeedPolicy == SeedPolicy.ExactOnly && request.HasExplicitSeed);
        var lookup = _mode == SemanticModes.Off
            ? new SemanticLookup(semantic.Profile(request.CanonicalPrompt), null, null, "semantic-off")
            : await semantic.LookupAsync(request, searchAllowed, cancellationToken, timings);
        var decision = lookup.Decision;
        if (_mode == SemanticModes.Shadow)
        {
            return await ShadowAsync(request, lookup, timings, cancellationToken);
        }

        if (decision?.Match is { } match)
        {
            // The matched entry's generation time is what this hit saves; read alongside the image, not after it.
            started = Stopwatch.GetTimestamp();
            var saved = exact.OriginMillisecondsAsync(match.Key, cancellationToken);
            var blob = await exact.GetBlobAsync(match.Key, match.BlobSha256, cancellationToken);
            var savedMs = await saved;
            timings.AddStore(started);
            if (blob is not null)
            {
                // Alias the new key to the same image, so the next identical request is an exact hit (saving as much).
                persistence.TryEnqueue(PendingImage.From(request, match.BlobSha256, blob.Bytes, blob.ContentType, savedMs, null, indexable: false, aliasOf: match.Key));
                recentHits.Add(request, match);
                recorder.SampleServed(request, decision);
                return new ServedImage
                {
                    Timings = timings,
                    Outcome = CacheOutcome.SemanticHit,
                    Key = request.Key,
                    Body = blob.Bytes,
                    ContentType = blob.ContentType,
                    Sha256 = match.BlobSha256,
                    MatchedKey = match.Key,
                    Similarity = match.Similarity,
                    SavedOriginMilliseconds = savedMs,
                    BestSimilarity = decision.BestSimilarity,
                    Threshold = decision.Threshold,
                };
            }
        }

        var reason = lookup.SkipReason ?? (decision?.Match is not null ? "matched-image-missing" : null);
        var fetched = await origin.FetchAsync(request, lookup, cancellationToken);
        if (fetched.Image is null && SemanticFallback.OriginUnavailable(fetched.Response)
            && await FallbackAsync(request, lookup, fetched, timings, cancellationToken) is { } fallback)
        {
            return fallback;
        }

        return FromOrigin(request, fetched, CacheOutcome.Miss, reason, timings) with
        {
            BestSimilarity = decision?.BestSimilarity,
            Threshold = semantic.Decider.Options.Threshold,
        };
    }

    /// <summary>
    /// Shadow mode: the decision is made and recorded, but the answer always comes from the origin (and is stored as
    /// usual), so each would-have-hit has both pictures. No fallback either: shadow mode never serves a stored image
    /// for another prompt.
    /// </summary>
    private async Task<CacheResult> ShadowAsync(ImageRequest request, SemanticLookup lookup, StageTimings timings, CancellationToken cancellationToken)
    {
        var decision = lookup.Decision;
        var fetched = await origin.FetchAsync(request, lookup, cancellationToken);
        if (decision is not null)
        {
            reviewMetrics.ShadowDecided(decision.IsHit);
            if (fetched.Image is { } image && fetched.Stored)
            {
                recorder.RecordShadow(request, decision, image.Sha256);
            }
        }

        var reason = decision?.Match is { } match
            ? "shadow: would have served " + match.Key + " (similarity " + match.Similarity.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + ")"
            : lookup.SkipReason;
        return FromOrigin(request, fetched, CacheOutcome.Miss, reason, timings) with
        {
            BestSimilarity = decision?.BestSimilarity,
            Threshold = semantic.Decider.Options.Threshold,
        };
    }

    /// <summary>
    /// Degraded mode: the best guarded candidate above the fallback threshold whose image still exists. No alias is
    /// written, so once the origin is back the same request gets its own image.
    /// </summary>
    private async Task<CacheResult?> FallbackAsync(ImageRequest request, SemanticLookup lookup, OriginResult fetched, StageTimings timings, CancellationToken cancellationToken)
    {
        foreach (var candidate in _fallback.Candidates(request, lookup))
        {
            var started = Stopwatch.GetTimestamp();
            var blob = await exact.GetBlobAsync(candidate.Key, candidate.BlobSha256, cancellationToken);
            timings.AddStore(started);
            if (blob is null)
            {
                continue;
            }

            return new ServedImage
            {
                Timings = timings,
                Outcome = CacheOutcome.SemanticFallback,
                Key = request.Key,
                MatchedKey = candidate.Key,
                Body = blob.Bytes,
                ContentType = blob.ContentType,
                Sha256 = candidate.BlobSha256,
                Similarity = candidate.Similarity,
                BestSimilarity = lookup.Decision?.BestSimilarity,
                Threshold = _fallback.Threshold,
                SemanticReason = fetched.RejectReason,
                OriginMilliseconds = fetched.Response.Elapsed.TotalMilliseconds,
            };
        }

        return null;
    }

    private static CacheResult FromOrigin(ImageRequest request, OriginResult fetched, CacheOutcome outcome, string? semanticReason, StageTimings timings)
    {
        if (fetched.Image is { } image)
        {
            return new ServedImage
            {
                Timings = timings,
                Outcome = outcome,
                Key = request.Key,
                Body = image.Bytes,
                ContentType = image.ContentType,
                Sha256 = image.Sha256,
                SemanticReason = semanticReason,
                OriginMilliseconds = fetched.Response.Elapsed.TotalMilliseconds,
            };
        }

        var response = fetched.Response;
        var status = response.Failure != Core.Origin.OriginFailure.None ? response.StatusCode
            : response.StatusCode is >= 400 and < 500 ? response.StatusCode
            : 502;
        return new OriginProblem
        {
            Timings = timings,
            Outcome = CacheOutcome.OriginError,
            Key = request.Key,
            Status = status,
            Title = status == 504 ? "The origin timed out" : "The origin did not return an image",
            Detail = response.Detail ?? $"{fetched.RejectReason} (origin status {response.StatusCode})",
            SemanticReason = semanticReason,
            OriginMilliseconds = response.Elapsed.TotalMilliseconds,
        };
    }
}
