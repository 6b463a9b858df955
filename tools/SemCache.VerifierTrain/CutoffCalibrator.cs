using SemCache.Evaluation;

namespace SemCache.VerifierTrain;

/// <summary>
/// Picks the similarity floor and verifier cut-off with the best recall whose false-hit rates meet the target
/// (overall and per negative category), from out-of-fold probabilities; among equal recalls the higher cut-off wins.
/// </summary>
public static class CutoffCalibrator
{
    public static (float MinSimilarity, float Cutoff, EvalReport Report)? Calibrate(
        ScoredSet set, float?[] probabilities, CalibrationTarget target)
    {
        (float, float, EvalReport)? best = null;
        for (var floor = 0.50f; floor <= 0.951f; floor += 0.025f)
        {
            var f = MathF.Round(floor, 3);
            for (var step = 1; step < 100; step++)
            {
                var cutoff = step / 100f;
                var report = Report(set, probabilities, f, cutoff);
                if (!Meets(report, target))
                {
                    continue;
                }

                if (best is null || (report.Recall ?? 0) > (best.Value.Item3.Recall ?? 0)
                    || ((report.Recall ?? 0) == (best.Value.Item3.Recall ?? 0) && cutoff > best.Value.Item2))
                {
                    best = (f, cutoff, report);
                }
            }
        }

        return best;
    }

    public static EvalReport Report(ScoredSet set, float?[] probabilities, float floor, float cutoff)
    {
        var outcomes = new (LabelledPair, bool)[set.Pairs.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var row = set.Rows[i];
            outcomes[i] = (set.Pairs[i], row is not null && row.Features[0] >= floor && probabilities[i] >= cutoff);
        }

        return EvalReport.Build(floor, outcomes);
    }

    private static bool Meets(EvalReport report, CalibrationTarget target)
    {
        if ((report.FalseHitRate ?? 0) > target.MaxFalseHitRate)
        {
            return false;
        }

        return target.MaxCategoryFalseHitRate is not { } max
            || report.ByCategory.Values.All(g => (g.FalseHitRate ?? 0) <= max);
    }
}
