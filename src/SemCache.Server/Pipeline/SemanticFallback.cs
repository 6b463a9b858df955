using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Origin;
using SemCache.Core.Requests;
using SemCache.Matching;
using SemCache.Server.Hosting;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Degraded mode: when the origin cannot answer, the semantic tier's candidates are judged again against the lower
/// fallback threshold. Only the similarity bar is lowered; every guard still applies, because a wrong colour, count
/// or object is a wrong picture whether or not the origin is up.
/// </summary>
public sealed class SemanticFallback
{
    private readonly SemanticDecider? _decider;
    private readonly IPromptCoverage _coverage;

    public SemanticFallback(SemCacheSettings settings, IPromptCoverage coverage)
    {
        _coverage = coverage;
        _decider = settings.Fallback.Enabled ? new SemanticDecider(settings.Semantic with { Threshold = settings.Fallback.Threshold, VerifierEnabled = false }) : null;
    }

    public float? Threshold => _decider?.Options.Threshold;

    /// <summary>
    /// The origin is unavailable rather than refusing this request: no connection, a timeout, an open breaker, a cut
    /// body, or a 5xx. A 4xx (the request is wrong), a non-image or an oversize answer is passed on as it is.
    /// </summary>
    public static bool OriginUnavailable(OriginResponse response) =>
        response.Failure is OriginFailure.Timeout or OriginFailure.ConnectFailed or OriginFailure.CircuitOpen or OriginFailure.Truncated or OriginFailure.Other
        || (response.Failure == OriginFailure.None && response.StatusCode >= 500);

    /// <summary>Candidates at or above the fallback threshold that pass every guard, best first; none when disabled.</summary>
    public IReadOnlyList<IndexCandidate> Candidates(ImageRequest request, SemanticLookup lookup)
    {
        if (_decider is null || lookup.Profile is not { } profile || lookup.Decision is not { Candidates.Count: > 0 } decision)
        {
            return [];
        }

        var judged = _decider.Decide(request.CanonicalPrompt, profile, [.. decision.Candidates.Select(c => c.Candidate)], _coverage.IsMultilingual);
        return [.. judged.Candidates.Where(v => v.AboveThreshold && v.Guards.All(g => g.Passed)).Select(v => v.Candidate)];
    }
}
