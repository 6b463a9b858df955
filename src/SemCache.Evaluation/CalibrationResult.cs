namespace SemCache.Evaluation;

/// <summary>The chosen threshold (null when no threshold meets the target), its report and the whole curve.</summary>
public sealed record CalibrationResult(CalibrationPoint? Best, EvalReport? BestReport, IReadOnlyList<CalibrationPoint> Curve);
