using SemCache.Embedding;
using SemCache.Index;

namespace SemCache.Matching;

// Placeholder until the quality branch lands (same API).
public sealed class SemanticDecider(MatchOptions options)
{
    public MatchOptions Options { get; } = options;

    public PromptProfile Profile(string canonicalPrompt, IPromptCoverage coverage)
    {
        var share = coverage.KnownTokenShare(canonicalPrompt);
        return share < Options.MinKnownTokenShare
            ? new PromptProfile("und", share, false, "unreadable")
            : new PromptProfile("en", share, true, null);
    }

    public MatchDecision Decide(string canonicalQueryPrompt, PromptProfile queryProfile, IReadOnlyList<IndexCandidate> candidates, bool multilingualEmbedder)
    {
        var verdicts = new List<CandidateVerdict>();
        IndexCandidate? match = null;
        foreach (var c in candidates)
        {
            var above = c.Similarity >= Options.Threshold;
            var served = above && match is null;
            match ??= served ? c : null;
            verdicts.Add(new CandidateVerdict(c, above, [], served));
        }

        return new MatchDecision(match, candidates.Count > 0 ? candidates[0].Similarity : null, Options.Threshold, verdicts, match is null ? "below-threshold" : "served");
    }
}
