using SemCache.Matching;

namespace SemCache.Evaluation;

/// <summary>
/// A pair run through the decision pipeline once, independent of the threshold: similarity, eligibility of both
/// prompts and every guard's verdict. Served at threshold t when eligible, similarity ≥ t and all guards pass.
/// </summary>
public sealed record PairScore(LabelledPair Pair, float Similarity, bool Eligible, IReadOnlyList<GuardVerdict> Guards)
{
    public bool GuardsPassed => GuardsPassedIgnoring(null);

    public bool ServedAt(float threshold) => Eligible && Similarity >= threshold && GuardsPassed;

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
