namespace SemCache.Evaluation;

/// <summary>What a threshold must achieve, and the sweep.</summary>
public sealed record CalibrationTarget
{
    /// <summary>Maximum false-hit rate over all negatives.</summary>
    public double MaxFalseHitRate { get; init; } = 0.01;

    /// <summary>Maximum false-hit rate in every negative category (null: no per-category limit).</summary>
    public double? MaxCategoryFalseHitRate { get; init; } = 0.02;

    public float From { get; init; } = 0.50f;

    public float To { get; init; } = 0.99f;

    public float Step { get; init; } = 0.005f;
}
