using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemCache.Matching.Verifier;

/// <summary>
/// A trained verifier as stored on disk (JSON): boosted regression trees over <see cref="PairFeatureExtractor.Names"/>,
/// a Platt calibration of their sum, and the cut-off and similarity floor calibrated on dev-tune.
/// Written by tools/SemCache.VerifierTrain; evaluated here without ML.NET.
/// </summary>
public sealed record VerifierModel
{
    public required IReadOnlyList<string> Features { get; init; }

    public required double Bias { get; init; }

    public required IReadOnlyList<VerifierTree> Trees { get; init; }

    /// <summary>p = 1 / (1 + exp(PlattSlope · score + PlattOffset)).</summary>
    public required double PlattSlope { get; init; }

    public required double PlattOffset { get; init; }

    /// <summary>Lowest probability served, calibrated to the false-hit budget.</summary>
    public required float Cutoff { get; init; }

    /// <summary>Candidates below this sentence similarity are not verified (not served).</summary>
    public required float MinSimilarity { get; init; }

    /// <summary>
    /// The model for pairs across languages (<see cref="PairOrigin.CrossLanguage"/>): its own trees, calibration,
    /// cut-off and floor, trained and calibrated for renderings, which are noisier than English paraphrases. Absent:
    /// this model serves every pair.
    /// </summary>
    public VerifierModel? CrossLanguage { get; init; }

    public static VerifierModel Read(Stream stream) =>
        JsonSerializer.Deserialize(stream, VerifierModelJson.Default.VerifierModel)
        ?? throw new InvalidDataException("Empty verifier model.");

    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, VerifierModelJson.Default.VerifierModel);
}

/// <summary>
/// One regression tree. Node i sends x left when x[SplitFeature[i]] ≤ Threshold[i]; a negative child c is leaf ~c.
/// </summary>
public sealed record VerifierTree
{
    public required double Weight { get; init; }

    public required int[] SplitFeature { get; init; }

    public required float[] Threshold { get; init; }

    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    public required double[] Leaf { get; init; }

    public double Evaluate(ReadOnlySpan<float> x)
    {
        if (SplitFeature.Length == 0)
        {
            return Leaf[0];
        }

        var node = 0;
        while (true)
        {
            var next = x[SplitFeature[node]] <= Threshold[node] ? Left[node] : Right[node];
            if (next < 0)
            {
                return Leaf[~next];
            }

            node = next;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(VerifierModel))]
internal sealed partial class VerifierModelJson : JsonSerializerContext;
