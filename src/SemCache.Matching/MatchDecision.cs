using SemCache.Core.Index;

namespace SemCache.Matching;

/// <summary>The outcome of the semantic tier for one query.</summary>
public sealed record MatchDecision(
    IndexCandidate? Match,
    float? BestSimilarity,
    float Threshold,
    IReadOnlyList<CandidateVerdict> Candidates,
    string Reason)
{
    public bool IsHit => Match is not null;
}
