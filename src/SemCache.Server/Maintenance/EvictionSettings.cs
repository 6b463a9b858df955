namespace SemCache.Server.Maintenance;

/// <summary>Limits that keep the cache from only growing. Zero turns a limit off. See docs/operations.md.</summary>
public sealed record EvictionSettings
{
    /// <summary>Maximum total size of the stored images in bytes (each image counted once); 0 = no limit.</summary>
    public long MaxBytes { get; init; }

    /// <summary>Maximum number of entries with their own image (aliases go with their target); 0 = no limit.</summary>
    public long MaxEntries { get; init; }

    /// <summary>Entries created longer ago than this are removed; zero = no TTL.</summary>
    public TimeSpan Ttl { get; init; }

    /// <summary>How often the evictor runs.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    public bool Enabled => MaxBytes > 0 || MaxEntries > 0 || Ttl > TimeSpan.Zero;

    public IEnumerable<string> Validate()
    {
        if (MaxBytes < 0 || MaxEntries < 0)
        {
            yield return "Eviction: MaxBytes and MaxEntries must be 0 or more (0 turns the limit off).";
        }

        if (Ttl < TimeSpan.Zero)
        {
            yield return "Eviction:Ttl must be zero (no TTL) or positive, e.g. 30.00:00:00 for 30 days.";
        }

        if (Interval <= TimeSpan.Zero)
        {
            yield return "Eviction:Interval must be positive, e.g. 00:01:00.";
        }
    }
}
