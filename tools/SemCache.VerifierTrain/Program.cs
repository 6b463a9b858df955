using System.Globalization;
using System.Text.Json;
using SemCache.Embedding;
using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Matching.Verifier;
using SemCache.VerifierTrain;

// Rebuilds the shipped pair verifier: features from the real guard pipeline and MiniLM similarity, FastTree
// trained on dev-tune (+ generated pairs), the cut-off calibrated on out-of-fold dev-tune predictions, and the
// final model evaluated on dev-tune and dev-test. Never run in CI; see README.md.
if (args is ["probe", .. var probePairs] && probePairs.Length % 2 == 0)
{
    // Prints the shipped verifier's view of "query" "candidate" pairs: similarity, features and probability.
    using var probeModel = MiniLmEmbedder.Create();
    var pairs = Enumerable.Range(0, probePairs.Length / 2).Select(i => new LabelledPair(probePairs[2 * i], probePairs[(2 * i) + 1], 0, "probe", "en", "probe")).ToList();
    var scores = await new PairEvaluator(probeModel, new MatchOptions()).ScoreAsync(pairs);
    foreach (var s in scores)
    {
        var f = PairFeatureExtractor.Shipped.Extract(PromptAnalysis.Analyze(s.Pair.A), PromptAnalysis.Analyze(s.Pair.B), s.Similarity, s.Guards);
        Console.WriteLine($"{s.Pair.A} | {s.Pair.B}: p = {PairVerifier.Shipped.Probability(f):0.000} (cut-off {PairVerifier.Shipped.Model.Cutoff}), failed guards [{string.Join(", ", s.Guards.Where(g => !g.Passed).Select(g => g.Guard))}]");
        Console.WriteLine("  " + string.Join(", ", PairFeatureExtractor.Names.Zip(f, (n, v) => $"{n}={v:0.###}")));
    }

    return 0;
}

var options = TrainOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: VerifierTrain probe QUERY CANDIDATE [QUERY CANDIDATE]... | [--tune FILE] [--test FILE] [--generated FILE]... [--out FILE] [--metrics FILE] [--trees N] [--leaves N] [--min-leaf N] [--learning-rate R] [--folds K] [--seed S] [--embedding-cache FILE] [--max-category-false-hit R]");
    return 2;
}

if (PairFeatureExtractor.Names.Count != FeatureRow.Width)
{
    Console.Error.WriteLine($"FeatureRow.Width must be {PairFeatureExtractor.Names.Count}");
    return 2;
}

using var model0 = MiniLmEmbedder.Create(intraOpThreads: 2);
using var embedder = new DiskEmbeddingCache(model0, options.EmbeddingCache);
var extractor = PairFeatureExtractor.Shipped;
var evaluator = new PairEvaluator(embedder, new MatchOptions());
var tunePairs = PairFile.Read(options.Tune);
var generatedPairs = options.Generated.SelectMany(PairFile.Read).ToList();
Console.WriteLine($"scoring {tunePairs.Count} tune and {generatedPairs.Count} generated pairs");
var tune = await ScoredSet.BuildAsync(evaluator, tunePairs, extractor);
var generated = await ScoredSet.BuildAsync(evaluator, generatedPairs, extractor);
Console.WriteLine($"past the vetoes: tune {tune.Verifiable.Count()}, generated {generated.Verifiable.Count()}");

var trainer = new BoostedTrainer(options.Trees, options.Leaves, options.MinLeaf, options.LearningRate, options.Seed);
var outOfFold = new float?[tunePairs.Count];
for (var fold = 0; fold < options.Folds; fold++)
{
    var train = generated.Verifiable.Concat(Enumerable.Range(0, tunePairs.Count)
        .Where(i => tune.Rows[i] is not null && Fold(tunePairs[i], options.Folds) != fold)
        .Select(i => tune.Rows[i]!)).ToList();
    var foldModel = new PairVerifier(trainer.Train(train, 0.5f, 0f, out _), extractor);
    for (var i = 0; i < tunePairs.Count; i++)
    {
        if (tune.Rows[i] is { } row && Fold(tunePairs[i], options.Folds) == fold)
        {
            outOfFold[i] = foldModel.Probability(row.Features);
        }
    }

    Console.WriteLine($"fold {fold + 1}/{options.Folds} trained on {train.Count} rows");
}

var calibrated = CutoffCalibrator.Calibrate(tune, outOfFold, new CalibrationTarget { MaxCategoryFalseHitRate = options.MaxCategoryFalseHit });
if (calibrated is not { } cal)
{
    Console.Error.WriteLine("no cut-off meets the false-hit target on out-of-fold dev-tune predictions");
    return 1;
}

Console.WriteLine($"calibrated (out of fold): similarity >= {cal.MinSimilarity:0.000}, probability >= {cal.Cutoff:0.00}");
Console.WriteLine(EvalTable.Render(cal.Report));

var all = generated.Verifiable.Concat(tune.Verifiable).ToList();
var model = trainer.Train(all, cal.Cutoff, cal.MinSimilarity, out var deviation);
Console.WriteLine($"final model: {model.Trees.Count} trees on {all.Count} rows; max |p(semcache) - p(ML.NET)| = {deviation:E2}");
await using (var file = File.Create(options.Out))
{
    model.Write(file);
}

var verifier = new PairVerifier(model, extractor);
var verified = new MatchOptions { VerifierEnabled = true };
var tuneReport = await new PairEvaluator(embedder, verified, verifier: verifier).EvaluateAsync(tunePairs);
var testReport = await new PairEvaluator(embedder, verified, verifier: verifier).EvaluateAsync(PairFile.Read(options.Test));
var metrics = new VerifierMetrics(
    DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), trainer.Describe(), all.Count,
    tune.Verifiable.Count(), generated.Verifiable.Count(), cal.Report, tuneReport, testReport);
await File.WriteAllTextAsync(options.Metrics, JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine("dev-tune (final model, trained on it):");
Console.WriteLine(EvalTable.Render(tuneReport));
Console.WriteLine("dev-test:");
Console.WriteLine(EvalTable.Render(testReport));
Console.WriteLine($"wrote {options.Out} and {options.Metrics}");
return 0;

static int Fold(LabelledPair pair, int folds)
{
    // Stable across runs and platforms (string.GetHashCode is randomised per process).
    var key = string.CompareOrdinal(pair.A, pair.B) <= 0 ? pair.A + "\t" + pair.B : pair.B + "\t" + pair.A;
    var hash = 2166136261u;
    foreach (var ch in key)
    {
        hash = (hash ^ ch) * 16777619u;
    }

    return (int)(hash % (uint)folds);
}
