using System.Text.Json;
using SemCache.Evaluation;
using SemCache.Matching;

namespace SemCache.Tests.Evaluation;

public sealed class CalibratorTests
{
    private static readonly GuardVerdict Fail = new(GuardNames.Content, false, "differs");

    private static PairScore Score(int label, string category, float similarity, bool guardsPass = true, bool eligible = true) =>
        new(new LabelledPair("a", "b", label, category, "en", "test"), similarity, eligible, guardsPass ? [] : [Fail]);

    [Fact]
    public void Picks_the_best_recall_whose_false_hit_rates_meet_the_target()
    {
        var scores = new List<PairScore>
        {
            Score(1, "paraphrase", 0.95f), Score(1, "paraphrase", 0.90f), Score(1, "paraphrase", 0.70f),
            Score(1, "paraphrase", 0.99f, eligible: false),
        };

        // 100 negatives at 0.60 (harmless above 0.60) and one "count" negative at 0.85 that only a high threshold avoids.
        scores.AddRange(Enumerable.Range(0, 100).Select(_ => Score(0, "unrelated", 0.60f)));
        scores.Add(Score(0, "count", 0.85f));
        scores.Add(Score(0, "count", 0.99f, guardsPass: false));

        var result = Calibrator.Calibrate(scores, new CalibrationTarget { MaxFalseHitRate = 0.05, MaxCategoryFalseHitRate = 0.02 });

        // Above 0.85 the count negative is not served; the best recall left is 2 of 4 (0.90 and 0.95), reached up to 0.90.
        Assert.Equal(0.9f, result.Best!.Threshold, 3);
        Assert.Equal(0.5, result.Best.Recall);
        Assert.Equal(0.0, result.Best.FalseHitRate);
        Assert.Equal(0.5, result.BestReport!.ByCategory["paraphrase"].Recall);
        Assert.Null(result.BestReport.ByCategory["paraphrase"].FalseHitRate);
        Assert.Null(result.BestReport.ByCategory["count"].Recall);

        // Without the per-category limit, 0.70 serves 3 positives with 1 false hit of 102 (< 5%).
        var loose = Calibrator.Calibrate(scores, new CalibrationTarget { MaxFalseHitRate = 0.05, MaxCategoryFalseHitRate = null });
        Assert.Equal(0.75, loose.Best!.Recall);
        Assert.True(loose.Best.Threshold is > 0.60f and <= 0.70f, loose.Best.Threshold.ToString());
    }

    [Fact]
    public void No_threshold_meets_an_impossible_target()
    {
        var result = Calibrator.Calibrate([Score(0, "spatial", 0.999f), Score(1, "reorder", 0.999f)], new CalibrationTarget { MaxFalseHitRate = 0 });
        Assert.Null(result.Best);
        Assert.Null(result.BestReport);
        Assert.Equal(99, result.Curve.Count);
        Assert.All(result.Curve, p => Assert.False(p.MeetsTarget));
    }

    [Fact]
    public void A_report_without_served_pairs_has_null_precision_and_renders()
    {
        var report = Calibrator.ReportAt([Score(0, "style", 0.5f), Score(1, "synonym", 0.5f)], 0.9f);
        Assert.Null(report.Precision);
        Assert.Equal(0.0, report.Recall);
        Assert.Contains("\"precision\":null", JsonSerializer.Serialize(report));
        var table = EvalTable.Render(report);
        Assert.Contains("style", table);
        Assert.Contains("precision -", table);
    }
}
