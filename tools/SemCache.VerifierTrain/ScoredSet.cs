using SemCache.Core.Requests;
using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Matching.Verifier;

namespace SemCache.VerifierTrain;

/// <summary>
/// Pairs scored once by the guard pipeline: which pass the vetoes (and so reach the verifier), and their features.
/// Pairs stopped by a veto or by eligibility are never served, whatever the verifier would say.
/// </summary>
public sealed class ScoredSet
{
    private ScoredSet(IReadOnlyList<LabelledPair> pairs, FeatureRow?[] rows)
    {
        Pairs = pairs;
        Rows = rows;
    }

    public IReadOnlyList<LabelledPair> Pairs { get; }

    /// <summary>Per pair: its features if it passed eligibility and the vetoes, else null.</summary>
    public FeatureRow?[] Rows { get; }

    public IEnumerable<FeatureRow> Verifiable => Rows.Where(r => r is not null)!;

    public static async Task<ScoredSet> BuildAsync(PairEvaluator evaluator, IReadOnlyList<LabelledPair> pairs, PairFeatureExtractor extractor)
    {
        var scores = await evaluator.ScoreAsync(pairs);
        var rows = new FeatureRow?[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            var s = scores[i];
            if (!s.Eligible || s.Guards.Any(g => !g.Passed && g.Guard is not (GuardNames.Content or GuardNames.Roles)))
            {
                continue;
            }

            var a = PromptText.Canonicalize(s.Pair.A);
            var b = PromptText.Canonicalize(s.Pair.B);
            var q = evaluator.Decider.Analyze(a);
            var c = evaluator.Decider.Analyze(b);
            rows[i] = new FeatureRow { Label = s.Pair.IsPositive, Features = extractor.Extract(q, c, s.Similarity, s.Guards, evaluator.Decider.Origin(a, b)), Pair = s.Pair };
        }

        return new ScoredSet(pairs, rows);
    }
}
