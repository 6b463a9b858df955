namespace SemCache.Evaluation;

/// <summary>
/// Sweeps the threshold over pairs scored once (embeddings and guards are computed a single time) and picks the
/// threshold with the best recall whose false-hit rates meet the target; among equal recalls the highest
/// (safest) threshold wins.
/// </summary>
public sealed class Calibrator(PairEvaluator evaluator)
{
    public async Task<CalibrationResult> CalibrateAsync(IReadOnlyList<LabelledPair> pairs, CalibrationTarget target, CancellationToken cancellationToken = default)
    {
        var scores = await evaluator.ScoreAsync(pairs, cancellationToken).ConfigureAwait(false);
        return Calibrate(scores, target);
    }

    public static CalibrationResult Calibrate(IReadOnlyList<PairScore> scores, CalibrationTarget target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target.Step, 0f);
        var curve = new List<CalibrationPoint>();
        CalibrationPoint? best = null;
        EvalReport? bestReport = null;
        var steps = (int)MathF.Round((target.To - target.From) / target.Step);
        for (var s = 0; s <= steps; s++)
        {
            var t = MathF.Round(target.From + (s * target.Step), 4);
            var report = ReportAt(scores, t);
            var point = Point(report, target);
            curve.Add(point);
            if (point.MeetsTarget && (best is null || (point.Recall ?? 0) >= (best.Recall ?? 0)))
            {
                best = point;
                bestReport = report;
            }
        }

        return new CalibrationResult(best, bestReport, curve);
    }

    public static EvalReport ReportAt(IReadOnlyList<PairScore> scores, float threshold)
    {
        var outcomes = new (LabelledPair, bool)[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            outcomes[i] = (scores[i].Pair, scores[i].ServedAt(threshold));
        }

        return EvalReport.Build(threshold, outcomes);
    }

    private static CalibrationPoint Point(EvalReport report, CalibrationTarget target)
    {
        string? worst = null;
        double? worstRate = null;
        foreach (var (category, group) in report.ByCategory)
        {
            if (group.FalseHitRate is { } rate && (worstRate is null || rate > worstRate))
            {
                worst = category;
                worstRate = rate;
            }
        }

        var meets = (report.FalseHitRate ?? 0) <= target.MaxFalseHitRate
            && (target.MaxCategoryFalseHitRate is not { } max || (worstRate ?? 0) <= max);
        return new CalibrationPoint(report.Threshold, report.Recall, report.FalseHitRate, report.Precision, worst, worstRate, meets);
    }
}
