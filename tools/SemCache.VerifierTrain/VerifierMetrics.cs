using SemCache.Evaluation;

namespace SemCache.VerifierTrain;

/// <summary>What a training run recorded beside the model (pair-verifier.metrics.json; the data card quotes it).</summary>
public sealed record VerifierMetrics(
    string Date,
    string Trainer,
    string Embedder,
    int TrainingRows,
    int TuneRows,
    int GeneratedRows,
    EvalReport OutOfFoldTune,
    EvalReport OutOfFoldTuneCrossLanguage,
    EvalReport Tune,
    EvalReport Test);
