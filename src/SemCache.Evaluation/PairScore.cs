using SemCache.Matching;

namespace SemCache.Evaluation;

/// <summary>
/// A pair run through the decision pipeline once, independent of the threshold: similarity, eligibility of both
/// prompts and every guard's verdict. Served at threshold t when eligible, all guards pass and the similarity is at
/// least t, or at least <paramref name="SameContentFloor"/> for a pair whose content words are the same after the
/// WordNet alignment (the decider's rule; null without word knowledge).
/// </summary>
public sealed record PairScore(LabelledPair Pair, float Similarity, bool Eligible, IReadOnlyList<GuardVerdict> Guards, float? SameContentFloor = null)
{
    public bool GuardsPassed => GuardsPassedIgnoring(null);

    public bool ServedAt(float threshold) =>
        Eligible && GuardsPassed && (Similarity >= threshold || (SameContentFloor is { } floor && Similarity >= Math.Min(threshold, floor)));

    /// <summary>Whether every guard except <paramref name="ignoredGuard"/> passed (to measure one guard's effect).</summary>
    public bool GuardsPassedIgnoring(string? ignoredGuard)
    {
        foreach (var g in Guards)
        {
            if (!g.Passed && !string.Equals(g.Guard, ignoredGuard, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
