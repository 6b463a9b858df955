using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using SemCache.Matching.Verifier;

namespace SemCache.VerifierTrain;

/// <summary>Trains ML.NET FastTree (gradient-boosted trees) and exports it to semcache's own model format.</summary>
public sealed class BoostedTrainer(int trees, int leaves, int minLeaf, double learningRate, int seed)
{
    public string Describe() => $"FastTree binary, {trees} trees, {leaves} leaves, min {minLeaf} per leaf, learning rate {learningRate}, seed {seed}";

    public VerifierModel Train(IReadOnlyList<FeatureRow> rows, float cutoff, float minSimilarity, out double maxDeviation)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = trees,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = minLeaf,
            LearningRate = learningRate,
            Seed = seed,
            NumberOfThreads = 1, // deterministic
        });
        var fitted = trainer.Fit(data);
        var ensemble = fitted.Model.SubModel.TrainedTreeEnsemble;
        var exported = new List<VerifierTree>();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            exported.Add(new VerifierTree
            {
                Weight = ensemble.TreeWeights[t],
                SplitFeature = [.. tree.NumericalSplitFeatureIndexes],
                Threshold = [.. tree.NumericalSplitThresholds],
                Left = [.. tree.LeftChild],
                Right = [.. tree.RightChild],
                Leaf = [.. tree.LeafValues],
            });
        }

        var model = new VerifierModel
        {
            Features = PairFeatureExtractor.Names,
            Bias = ensemble.Bias,
            Trees = exported,
            PlattSlope = fitted.Model.Calibrator.Slope,
            PlattOffset = fitted.Model.Calibrator.Offset,
            Cutoff = cutoff,
            MinSimilarity = minSimilarity,
        };

        // The exported trees must give ML.NET's own probabilities.
        var verifier = new PairVerifier(model, PairFeatureExtractor.Shipped);
        var predictions = ml.Data.CreateEnumerable<Prediction>(fitted.Transform(data), reuseRowObject: false).ToList();
        maxDeviation = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            maxDeviation = Math.Max(maxDeviation, Math.Abs(verifier.Probability(rows[i].Features) - predictions[i].Probability));
        }

        return model;
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
