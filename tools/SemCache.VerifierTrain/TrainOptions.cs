using System.Globalization;

namespace SemCache.VerifierTrain;

/// <summary>Command line of the training tool; paths default to the repository layout (run from the repo root).</summary>
public sealed record TrainOptions
{
    public string Tune { get; init; } = "datasets/pairs/dev-tune.tsv";

    public string Test { get; init; } = "datasets/pairs/dev-test.tsv";

    public List<string> Generated { get; init; } = [];

    public string Out { get; init; } = "src/SemCache.Matching/Verifier/pair-verifier.json";

    public string Metrics { get; init; } = "src/SemCache.Matching/Verifier/pair-verifier.metrics.json";

    /// <summary>
    /// The MiniLM the similarities come from: int8 (the server's default embedder, so the cut-offs are calibrated on
    /// what production sees) or fp32.
    /// </summary>
    public string Embedder { get; init; } = "int8";

    /// <summary>Vectors computed by earlier runs (a build artefact, not committed); one file per embedder.</summary>
    public string? EmbeddingCache { get; init; }

    public string EmbeddingCachePath => EmbeddingCache ?? $"tools/SemCache.VerifierTrain/obj/embeddings-{Embedder}.bin";

    /// <summary>Per-negative-category false-hit limit used when calibrating on dev-tune (the target is 2%; a margin
    /// below it leaves room for the held-out split, where a category of 45 pairs moves 2.2 points per pair).</summary>
    public double MaxCategoryFalseHit { get; init; } = 0.015;

    /// <summary>
    /// The cross-language model's overall false-hit limit must hold for the exact upper bound at this confidence of
    /// the out-of-fold false hits (about 340 negatives: the point estimate moves 0.3 points per pair). 0 uses the
    /// point estimate.
    /// </summary>
    public double FalseHitConfidence { get; init; } = 0.8;

    public int Trees { get; init; } = 400;

    public int Leaves { get; init; } = 16;

    public int MinLeaf { get; init; } = 10;

    public double LearningRate { get; init; } = 0.05;

    public int Folds { get; init; } = 5;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// A model file whose one-language ensemble (trees, floor, cut-off) is kept as it is; only the cross-language
    /// ensemble is trained. Its features must be a prefix of today's.
    /// </summary>
    public string? KeepOneLanguage { get; init; }

    public static TrainOptions? Parse(string[] args)
    {
        var o = new TrainOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            var v = args[++i];
            var inv = CultureInfo.InvariantCulture;
            switch (args[i - 1])
            {
                case "--tune": o = o with { Tune = v }; break;
                case "--test": o = o with { Test = v }; break;
                case "--generated": o.Generated.Add(v); break;
                case "--out": o = o with { Out = v }; break;
                case "--metrics": o = o with { Metrics = v }; break;
                case "--embedding-cache": o = o with { EmbeddingCache = v }; break;
                case "--embedder" when v is "int8" or "fp32": o = o with { Embedder = v }; break;
                case "--max-category-false-hit": o = o with { MaxCategoryFalseHit = double.Parse(v, inv) }; break;
                case "--false-hit-confidence": o = o with { FalseHitConfidence = double.Parse(v, inv) }; break;
                case "--trees": o = o with { Trees = int.Parse(v, inv) }; break;
                case "--leaves": o = o with { Leaves = int.Parse(v, inv) }; break;
                case "--min-leaf": o = o with { MinLeaf = int.Parse(v, inv) }; break;
                case "--learning-rate": o = o with { LearningRate = double.Parse(v, inv) }; break;
                case "--folds": o = o with { Folds = int.Parse(v, inv) }; break;
                case "--seed": o = o with { Seed = int.Parse(v, inv) }; break;
                case "--keep-one-language": o = o with { KeepOneLanguage = v }; break;
                default: return null;
            }
        }

        return o;
    }
}
