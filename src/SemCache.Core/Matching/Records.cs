using SemCache.Index;

namespace SemCache.Matching;

public sealed record PromptProfile(string Language, double KnownTokenShare, bool SemanticEligible, string? IneligibleReason);

public sealed record GuardVerdict(string Guard, bool Passed, string? Reason);

public sealed record CandidateVerdict(IndexCandidate Candidate, bool AboveThreshold, IReadOnlyList<GuardVerdict> Guards, bool Served);

public sealed record MatchDecision(IndexCandidate? Match, float? BestSimilarity, float Threshold, IReadOnlyList<CandidateVerdict> Candidates, string Reason)
{
    public bool IsHit => Match is not null;
}
