using SemCache.Index;

namespace SemCache.Matching;

/// <summary>
/// How one candidate fared. Guards are evaluated (all of them, for explanations) only for candidates at or above
/// the threshold; below it the list is empty.
/// </summary>
public sealed record CandidateVerdict(IndexCandidate Candidate, bool AboveThreshold, IReadOnlyList<GuardVerdict> Guards, bool Served);
