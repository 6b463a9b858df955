namespace SemCache.Backfill;

/// <summary>How one backfill run behaves.</summary>
public sealed record BackfillOptions
{
    public required KeyFormat Format { get; init; }

    /// <summary>Recover, check and count, but write nothing (no store, index or checkpoint writes).</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Default of <see cref="Concurrency"/>: enough objects in flight that reading and storing (mostly waiting on the
    /// source and on fsync) keep up with the embedding of the previous batch on every core.
    /// </summary>
    public const int DefaultConcurrency = 32;

    /// <summary>Objects read and written at the same time.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Objects started per second at most (for remote embedders and origins with quotas); null: no limit.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>Stop after this many listed objects (the checkpoint stays, so the next run goes on from there).</summary>
    public long? Limit { get; init; }

    /// <summary>Objects per embedding call, and per checkpoint.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>File recording the last listing position fully done; null: no resuming.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>True when the source is the configured store's own entries: only the index is written.</summary>
    public bool SourceIsStore { get; init; }
}
