using System.Globalization;
using System.Text.Json;
using SemCache.Core.Requests;
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
    using var probeModel = MiniLmEmbedder.CreateInt8(modelDirectory: null); // the server's default embedder
    var pairs = Enumerable.Range(0, probePairs.Length / 2).Select(i => new LabelledPair(probePairs[2 * i], probePairs[(2 * i) + 1], 0, "probe", "en", "probe")).ToList();
    var probe = new PairEvaluator(probeModel, new MatchOptions());
    var scores = await probe.ScoreAsync(pairs);
    foreach (var s in scores)
    {
        var a = PromptText.Canonicalize(s.Pair.A);
        var b = PromptText.Canonicalize(s.Pair.B);
        var origin = probe.Decider.Origin(a, b);
        var f = PairFeatureExtractor.Shipped.Extract(probe.Decider.Analyze(a), probe.Decider.Analyze(b), s.Similarity, s.Guards, origin);
        Console.WriteLine($"{s.Pair.A} | {s.Pair.B}: p = {PairVerifier.Shipped.Probability(f, origin):0.000} (cut-off {PairVerifier.Shipped.ModelFor(origin).Cutoff}), failed guards [{string.Join(", ", s.Guards.Where(g => !g.Passed).Select(g => g.Guard))}]");
        Console.WriteLine("  " + string.Join(", ", PairFeatureExtractor.Names.Zip(f, (n, v) => $"{n}={v:0.###}")));
    }

    return 0;
}

var options = TrainOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: VerifierTrain probe QUERY CANDIDATE [QUERY CANDIDATE]... | [--tune FILE] [--test FILE] [--generated FILE]... [--out FILE] [--metrics FILE] [--trees N] [--leaves N] [--min-leaf N] [--learning-rate R] [--folds K] [--seed S] [--embedding-cache FILE] [--embedder int8|fp32] [--max-category-false-hit R] [--false-hit-confidence C]");
    return 2;
}

if (PairFeatureExtractor.Names.Count != FeatureRow.Width)
{
    Console.Error.WriteLine($"FeatureRow.Width must be {PairFeatureExtractor.Names.Count}");
    return 2;
}

using var model0 = options.Embedder == "int8" ? MiniLmEmbedder.CreateInt8(modelDirectory: null, intraOpThreads: 2) : MiniLmEmbedder.Create(intraOpThreads: 2);
using var embedder = new DiskEmbeddingCache(model0, options.EmbeddingCachePath);
Console.WriteLine($"similarities from {model0.EmbedderId}");
var extractor = PairFeatureExtractor.Shipped;
var evaluator = new PairEvaluator(embedder, new MatchOptions { VerifierEnabled = false }); // scoring needs no verifier (the shipped one may be stale)
var tunePairs = PairFile.Read(options.Tune);
var generatedPairs = options.Generated.SelectMany(PairFile.Read).ToList();
Console.WriteLine($"scoring {tunePairs.Count} tune and {generatedPairs.Count} generated pairs");
var tune = await ScoredSet.BuildAsync(evaluator, tunePairs, extractor);
var generated = await ScoredSet.BuildAsync(evaluator, generatedPairs, extractor);
Console.WriteLine($"past the vetoes: tune {tune.Verifiable.Count()}, generated {generated.Verifiable.Count()}");

var trainer = new BoostedTrainer(options.Trees, options.Leaves, options.MinLeaf, options.LearningRate, options.Seed);
// Two ensembles: one for pairs in one language, trained without the cross-language tune pairs so that their noisy
// renderings do not move it, and one for pairs across languages, trained on every row (the cross_language feature
// tells them apart). Each gets its own similarity floor and cut-off, calibrated on its own pairs' out-of-fold
// probabilities to the same false-hit budget.
var kept = options.KeepOneLanguage is { } keptPath ? KeptModel(keptPath) : null;
var keptVerifier = kept is null ? null : new PairVerifier(kept, extractor);
var outOfFold = new float?[tunePairs.Count];
for (var fold = 0; fold < options.Folds; fold++)
{
    var heldIn = Enumerable.Range(0, tunePairs.Count).Where(i => tune.Rows[i] is not null && Fold(tunePairs[i], options.Folds) != fold).ToList();
    var sameRows = generated.Verifiable.Concat(heldIn.Where(i => !CrossLanguage(tunePairs[i])).Select(i => tune.Rows[i]!)).ToList();
    var crossRows = generated.Verifiable.Concat(heldIn.Select(i => tune.Rows[i]!)).ToList();
    var same = keptVerifier ?? new PairVerifier(trainer.Train(sameRows, 0.5f, 0f, out _), extractor);
    var cross = new PairVerifier(trainer.Train(crossRows, 0.5f, 0f, out _), extractor);
    for (var i = 0; i < tunePairs.Count; i++)
    {
        if (tune.Rows[i] is { } row && Fold(tunePairs[i], options.Folds) == fold)
        {
            outOfFold[i] = (CrossLanguage(tunePairs[i]) ? cross : same).Probability(row.Features);
        }
    }

    Console.WriteLine($"fold {fold + 1}/{options.Folds} trained on {sameRows.Count} and {crossRows.Count} rows");
}

// Cross-language pairs first, on their own pairs (their false-hit budget is their own); then the one-language floor
// and cut-off with the cross-language outcomes fixed, so the targets hold over the whole of dev-tune.
var target = new CalibrationTarget { MaxCategoryFalseHitRate = options.MaxCategoryFalseHit };
// A kept one-language ensemble keeps its floor and cut-off (its report is then in-sample, not out of fold).
if (CutoffCalibrator.Calibrate(tune, outOfFold, target, CrossLanguage, confidence: options.FalseHitConfidence > 0 ? options.FalseHitConfidence : null) is not { } crossCal
    || (kept is not null
        ? (kept.MinSimilarity, kept.Cutoff, CutoffCalibrator.Report(tune, outOfFold, kept.MinSimilarity, kept.Cutoff, p => !CrossLanguage(p), i => CutoffCalibrator.Served(tune, outOfFold, i, crossCal.MinSimilarity, crossCal.Cutoff)))
        : CutoffCalibrator.Calibrate(tune, outOfFold, target, p => !CrossLanguage(p), i => CutoffCalibrator.Served(tune, outOfFold, i, crossCal.MinSimilarity, crossCal.Cutoff))) is not { } cal)
{
    Console.Error.WriteLine("no cut-off meets the false-hit target on out-of-fold dev-tune predictions");
    return 1;
}

Console.WriteLine($"{(kept is null ? "calibrated (out of fold)" : "kept from " + options.KeepOneLanguage + " (in-sample)")}, one language (whole of dev-tune shown): similarity >= {cal.MinSimilarity:0.000}, probability >= {cal.Cutoff:0.00}");
Console.WriteLine(EvalTable.Render(cal.Report));
Console.WriteLine($"calibrated (out of fold), across languages: similarity >= {crossCal.MinSimilarity:0.000}, probability >= {crossCal.Cutoff:0.00}");
Console.WriteLine(EvalTable.Render(crossCal.Report));

var all = generated.Verifiable.Concat(tune.Verifiable).ToList();
var sameLanguage = generated.Verifiable.Concat(tune.Verifiable.Where(r => !CrossLanguage(r.Pair!))).ToList();
var deviation = 0.0;
var model = (kept ?? trainer.Train(sameLanguage, cal.Cutoff, cal.MinSimilarity, out deviation)) with
{
    CrossLanguage = trainer.Train(all, crossCal.Cutoff, crossCal.MinSimilarity, out var crossDeviation),
};
deviation = Math.Max(deviation, crossDeviation);
Console.WriteLine($"final models: {model.Trees.Count} trees on {sameLanguage.Count} rows (one language), {model.CrossLanguage!.Trees.Count} on {all.Count} (across languages); max |p(semcache) - p(ML.NET)| = {deviation:E2}");
await using (var file = File.Create(options.Out))
{
    model.Write(file);
}

var verifier = new PairVerifier(model, extractor);
var verified = new MatchOptions { VerifierEnabled = true };
var tuneReport = await new PairEvaluator(embedder, verified, verifier: verifier).EvaluateAsync(tunePairs);
var testReport = await new PairEvaluator(embedder, verified, verifier: verifier).EvaluateAsync(PairFile.Read(options.Test));
var metrics = new VerifierMetrics(
    DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), trainer.Describe(), model0.EmbedderId, all.Count,
    tune.Verifiable.Count(), generated.Verifiable.Count(), cal.Report, crossCal.Report, tuneReport, testReport);
await File.WriteAllTextAsync(options.Metrics, JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine("dev-tune (final model, trained on it):");
Console.WriteLine(EvalTable.Render(tuneReport));
Console.WriteLine("dev-test:");
Console.WriteLine(EvalTable.Render(testReport));
Console.WriteLine($"wrote {options.Out} and {options.Metrics}");
return 0;

// The one-language ensemble of an earlier model file, read with today's feature names (its own must be a prefix).
static VerifierModel KeptModel(string path)
{
    using var stream = File.OpenRead(path);
    var model = VerifierModel.Read(stream);
    if (!model.Features.SequenceEqual(PairFeatureExtractor.Names.Take(model.Features.Count)))
    {
        throw new InvalidDataException($"{path}: its features are not a prefix of today's; it cannot be kept.");
    }

    return model with { Features = PairFeatureExtractor.Names, CrossLanguage = null };
}

// The pair files name a cross-language pair by its two languages ("de-en").
static bool CrossLanguage(LabelledPair pair) => pair.Lang.Contains('-', StringComparison.Ordinal);

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
