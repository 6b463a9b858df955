using SemCache.Evaluation;

namespace SemCache.VerifierTrain;

/// <summary>
/// Picks the similarity floor and verifier cut-off with the best recall whose false-hit rates meet the target
/// (overall and per negative category), from out-of-fold probabilities; among equal recalls the higher cut-off wins.
/// With a confidence level, the overall rate must hold for the exact (Clopper-Pearson) upper bound of the observed
/// false hits, not for the point estimate: 337 cross-language negatives cannot tell 0.6% from 2%.
/// </summary>
public static class CutoffCalibrator
{
    /// <param name="include">The pairs whose floor and cut-off are chosen (e.g. only the cross-language ones); all by
    /// default.</param>
    /// <param name="others">When given, the other pairs are counted too, served or not as this says (decided by an
    /// earlier calibration), so the targets hold over the whole set; otherwise they are left out.</param>
    public static (float MinSimilarity, float Cutoff, EvalReport Report)? Calibrate(
        ScoredSet set, float?[] probabilities, CalibrationTarget target, Func<LabelledPair, bool>? include = null, Func<int, bool>? others = null, double? confidence = null)
    {
        (float, float, EvalReport)? best = null;
        for (var floor = 0.50f; floor <= 0.951f; floor += 0.025f)
        {
            var f = MathF.Round(floor, 3);
            for (var step = 1; step < 100; step++)
            {
                var cutoff = step / 100f;
                var report = Report(set, probabilities, f, cutoff, include, others);
                if (!Meets(report, target, confidence))
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

    public static EvalReport Report(ScoredSet set, float?[] probabilities, float floor, float cutoff, Func<LabelledPair, bool>? include = null, Func<int, bool>? others = null)
    {
        var outcomes = new List<(LabelledPair, bool)>(set.Pairs.Count);
        for (var i = 0; i < set.Pairs.Count; i++)
        {
            if (include is null || include(set.Pairs[i]))
            {
                outcomes.Add((set.Pairs[i], Served(set, probabilities, i, floor, cutoff)));
            }
            else if (others is not null)
            {
                outcomes.Add((set.Pairs[i], others(i)));
            }
        }

        return EvalReport.Build(floor, outcomes);
    }

    /// <summary>Whether the verifier serves pair i at this floor and cut-off (it must have passed the vetoes).</summary>
    public static bool Served(ScoredSet set, float?[] probabilities, int i, float floor, float cutoff) =>
        set.Rows[i] is { } row && row.Features[0] >= floor && probabilities[i] >= cutoff;

    private static bool Meets(EvalReport report, CalibrationTarget target, double? confidence)
    {
        var falseHits = (int)Math.Round((report.FalseHitRate ?? 0) * report.Negatives);
        var rate = confidence is { } level ? UpperBound(falseHits, report.Negatives, level) : report.FalseHitRate ?? 0;
        if (rate > target.MaxFalseHitRate)
        {
            return false;
        }

        return target.MaxCategoryFalseHitRate is not { } max
            || report.ByCategory.Values.All(g => (g.FalseHitRate ?? 0) <= max);
    }

    /// <summary>
    /// The one-sided exact upper bound of a rate seen as <paramref name="events"/> in <paramref name="trials"/>: the
    /// rate p at which seeing at most that many has probability 1 - <paramref name="level"/> (bisection on the
    /// binomial distribution).
    /// </summary>
    public static double UpperBound(int events, int trials, double level)
    {
        if (trials == 0 || events >= trials)
        {
            return 1;
        }

        double lo = (double)events / trials, hi = 1;
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (AtMost(events, trials, mid) > 1 - level)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    // P(X <= k) for X ~ Binomial(n, p), summed in log space.
    private static double AtMost(int k, int n, double p)
    {
        double sum = 0, logTerm = n * Math.Log(1 - p);
        for (var i = 0; i <= k; i++)
        {
            sum += Math.Exp(logTerm);
            logTerm += Math.Log((double)(n - i) / (i + 1)) + Math.Log(p / (1 - p));
        }

        return sum;
    }
}
