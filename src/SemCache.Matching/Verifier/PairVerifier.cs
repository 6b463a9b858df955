namespace SemCache.Matching.Verifier;

/// <summary>
/// Scores whether a candidate's image may be served for a query: the probability from the trained model over
/// <see cref="PairFeatureExtractor"/> features. Thread-safe; scoring one pair takes microseconds (no model run).
/// </summary>
public sealed class PairVerifier
{
    /// <summary>Name of the model shipped inside this assembly (src/SemCache.Matching/Verifier/pair-verifier.json).</summary>
    public const string ShippedResource = "SemCache.Matching.Verifier.pair-verifier.json";

    private static readonly Lazy<PairVerifier> LazyShipped = new(LoadShipped);

    public PairVerifier(VerifierModel model, PairFeatureExtractor extractor)
    {
        if (!model.Features.SequenceEqual(PairFeatureExtractor.Names) || (model.CrossLanguage is { } cross && !cross.Features.SequenceEqual(PairFeatureExtractor.Names)))
        {
            throw new InvalidDataException(
                "The verifier model was trained on other features than this build extracts; retrain it (tools/SemCache.VerifierTrain).");
        }

        Model = model;
        Extractor = extractor;
    }

    /// <summary>The model shipped with semcache (word relations from the shipped WordNet lexicon, <see cref="LexiconWordRelations"/>).</summary>
    public static PairVerifier Shipped => LazyShipped.Value;

    public VerifierModel Model { get; }

    public PairFeatureExtractor Extractor { get; }

    /// <summary>The model that judges pairs of this origin (the cross-language one when the file has it).</summary>
    public VerifierModel ModelFor(PairOrigin origin) => origin.CrossLanguage ? Model.CrossLanguage ?? Model : Model;

    public float Score(PromptAnalysis query, PromptAnalysis candidate, float similarity, IReadOnlyList<GuardVerdict> verdicts, PairOrigin origin = default) =>
        Probability(Extractor.Extract(query, candidate, similarity, verdicts, origin), origin);

    /// <summary>Calibrated probability for a feature vector in <see cref="PairFeatureExtractor.Names"/> order.</summary>
    public float Probability(ReadOnlySpan<float> features, PairOrigin origin = default)
    {
        var model = ModelFor(origin);
        var score = RawScore(features, model);
        return (float)(1.0 / (1.0 + Math.Exp((model.PlattSlope * score) + model.PlattOffset)));
    }

    /// <summary>Sum of the trees (the model's margin before calibration).</summary>
    public static double RawScore(ReadOnlySpan<float> features, VerifierModel model)
    {
        var sum = model.Bias;
        foreach (var tree in model.Trees)
        {
            sum += tree.Weight * tree.Evaluate(features);
        }

        return sum;
    }

    private static PairVerifier LoadShipped()
    {
        using var stream = typeof(PairVerifier).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"Resource {ShippedResource} is missing from the build.");
        return new PairVerifier(VerifierModel.Read(stream), PairFeatureExtractor.Shipped);
    }
}
