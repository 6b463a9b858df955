namespace SemCache.Evaluation;

/// <summary>One threshold of the sweep; rates are null when undefined.</summary>
public sealed record CalibrationPoint(
    float Threshold,
    double? Recall,
    double? FalseHitRate,
    double? Precision,
    string? WorstCategory,
    double? WorstCategoryFalseHitRate,
    bool MeetsTarget);
