using Microsoft.ML.Data;
using SemCache.Evaluation;

namespace SemCache.VerifierTrain;

/// <summary>One pair that passed the vetoes, as the trainer sees it.</summary>
public sealed class FeatureRow
{
    public const int Width = 32; // PairFeatureExtractor.Names.Count (checked at start)

    public bool Label { get; set; }

    [VectorType(Width)]
    public float[] Features { get; set; } = [];

    [NoColumn]
    public LabelledPair? Pair { get; set; }
}
