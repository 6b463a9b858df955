namespace SemCache.Server.Hosting;

/// <summary>The background work that stores and indexes new images. See docs/operations.md.</summary>
public sealed record IndexingSettings
{
    /// <summary>Images waiting to be written; when full, new images are served but not stored (counted).</summary>
    public int StoreQueueCapacity { get; init; } = 4096;

    /// <summary>Stored images waiting for their embedding; when full, indexing is skipped (counted, recovered at the next start).</summary>
    public int IndexQueueCapacity { get; init; } = 1024;

    /// <summary>Prompts embedded in one call.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>At start-up, index stored entries that are missing from the index (after a crash or a full queue).</summary>
    public bool ReconcileOnStart { get; init; } = true;

    /// <summary>
    /// After a failed index write (PostgreSQL unreachable), how often the stored entries missing from the index are
    /// looked for again until a pass succeeds (default 5 s).
    /// </summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);
}
