using SemCache.Core.Index;
using SemCache.Matching.Lexicon;

namespace SemCache.Matching;

/// <summary>
/// How one candidate fared. Guards are evaluated (all of them, for explanations) only for candidates at or above
/// the threshold; below it the list is empty. <paramref name="VerifierScore"/> is the pair verifier's probability when
/// it ran (verifier on, vetoes passed).
/// </summary>
public sealed record CandidateVerdict(IndexCandidate Candidate, bool AboveThreshold, IReadOnlyList<GuardVerdict> Guards, bool Served, float? VerifierScore = null)
{
    /// <summary>How the differing content words relate in WordNet ("small ~ tiny: similar-to"); empty when none differ.</summary>
    public IReadOnlyList<WordLink> Links { get; init; } = [];

    /// <summary>
    /// Whether both prompts have the same content words after the WordNet alignment: such a candidate may be served
    /// from <see cref="MatchOptions.AlignedThreshold"/> up when every guard passes.
    /// </summary>
    public bool SameContent { get; init; }
}
