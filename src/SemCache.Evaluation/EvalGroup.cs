using System.Text.Json.Serialization;

namespace SemCache.Evaluation;

/// <summary>Results of one category or language. Rates are null when undefined (no positives / no negatives).</summary>
public sealed record EvalGroup(
    [property: JsonPropertyName("pairs")] int Pairs,
    [property: JsonPropertyName("recall")] double? Recall,
    [property: JsonPropertyName("false_hit_rate")] double? FalseHitRate);
