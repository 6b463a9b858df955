namespace SemCache.Backfill;

/// <summary>
/// What a run did. <see cref="Indexed"/>: new vectors (with their entries). <see cref="Skipped"/> and
/// <see cref="Failed"/> count objects by reason; "unreadable-by-embedder" objects are stored for the exact tier.
/// </summary>
public sealed record BackfillSummary
{
    public required long Processed { get; init; }

    public required long Indexed { get; init; }

    public required long AlreadyPresent { get; init; }

    public required IReadOnlyDictionary<string, long> Skipped { get; init; }

    public required IReadOnlyDictionary<string, long> Failed { get; init; }

    public required bool DryRun { get; init; }

    /// <summary>False when stopped by --limit or cancellation: the checkpoint holds where to go on.</summary>
    public required bool Completed { get; init; }

    public required double Seconds { get; init; }

    public double ObjectsPerSecond => Seconds > 0 ? Processed / Seconds : 0;
}
