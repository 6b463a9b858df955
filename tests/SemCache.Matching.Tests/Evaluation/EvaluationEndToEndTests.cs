using System.Text.Json;
using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Evaluation;

/// <summary>The real pipeline (shipped MiniLM, guards, default threshold) over a fixed slice of the held-out split.</summary>
public sealed class EvaluationEndToEndTests
{
    private static readonly Lazy<Task<IReadOnlyList<PairScore>>> Scores =
        new(() => new PairEvaluator(SharedEmbedder.Instance, new MatchOptions()).ScoreAsync(Slice()));

    private static IReadOnlyList<LabelledPair> Slice()
    {
        var path = Path.Combine(RepoRoot(), "datasets", "pairs", "dev-test.tsv");
        var all = PairFile.Read(path);

        // Every 8th row: ~280 pairs spanning every category and language, fixed by the file.
        return [.. all.Where((_, i) => i % 8 == 0)];
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public async Task Default_options_keep_false_hits_rare_and_serve_some_positives()
    {
        var evaluator = new PairEvaluator(SharedEmbedder.Instance, new MatchOptions());
        var report = await evaluator.EvaluateAsync(Slice());

        Assert.True(report.Pairs > 250, report.Pairs.ToString());
        Assert.True(report.FalseHitRate <= 0.02, EvalTable.Render(report));
        Assert.True(report.Recall > 0, EvalTable.Render(report));
        Assert.True(report.ByCategory["reorder"].Recall > 0.5, EvalTable.Render(report));
        // es/fr/de prompts are compared through their English rendering (translation bridge).
        Assert.True(report.ByCategory["translation"].Recall > 0, EvalTable.Render(report));
    }

    [Fact]
    public async Task Scores_agree_with_decisions_and_without_guards_false_hits_are_many()
    {
        var scores = await Scores.Value;
        var threshold = new MatchOptions().Threshold;
        var guarded = Calibrator.ReportAt(scores, threshold);
        // The calibrator's rule is the guards' (every guard passes at the threshold); the verifier adds to it.
        var direct = await new PairEvaluator(SharedEmbedder.Instance, new MatchOptions { VerifierEnabled = false }).EvaluateAsync(Slice());
        Assert.Equal(JsonSerializer.Serialize(direct), JsonSerializer.Serialize(guarded));

        var unguarded = EvalReport.Build(threshold, scores.Select(s => (s.Pair, s.Eligible && s.Similarity >= threshold)));
        Assert.True(unguarded.FalseHitRate > 0.2, EvalTable.Render(unguarded));
        Assert.True(guarded.FalseHitRate < unguarded.FalseHitRate);
    }

    [Fact]
    public async Task Calibration_and_json_use_the_agreed_shape()
    {
        var result = Calibrator.Calibrate(await Scores.Value, new CalibrationTarget { MaxFalseHitRate = 0.02, MaxCategoryFalseHitRate = null });

        Assert.NotNull(result.Best);
        Assert.True(result.Best!.FalseHitRate <= 0.02);
        Assert.Equal(99, result.Curve.Count);
        Assert.All(result.Curve.Where(p => p.MeetsTarget), p => Assert.True(p.Recall <= result.Best.Recall));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result.BestReport));
        string[] fields = ["threshold", "pairs", "positives", "negatives", "recall", "false_hit_rate", "precision", "by_category", "by_lang"];
        Assert.Equal(fields, json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["pairs", "recall", "false_hit_rate"], json.RootElement.GetProperty("by_lang").GetProperty("en").EnumerateObject().Select(p => p.Name));
    }
}
