namespace SemCache.Server.Hosting;

/// <summary>The in-memory set of recently served images in front of the store (exact hits read no file). See docs/configuration.md.</summary>
public sealed record HotImageSettings
{
    /// <summary>Image bytes kept in memory at most; 0 turns the set off.</summary>
    public long Bytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long a kept entry is served before it is read from the store again: how soon a purge made by another
    /// process or node (same files, shared S3) stops being served here. Purges through this server apply at once.
    /// </summary>
    public double EntrySeconds { get; init; } = 5;
}
