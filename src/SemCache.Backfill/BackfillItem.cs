using SemCache.Core.Storage;

namespace SemCache.Backfill;

/// <summary>
/// One listed object. <see cref="Position"/> orders the listing (the checkpoint records the last one done);
/// a manifest line or a cache entry already carries the request, a bare object only its key.
/// </summary>
public sealed record BackfillItem(string Position, string ObjectKey)
{
    public string? Prompt { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>>? Parameters { get; init; }

    /// <summary>For the semcache format: the source cache's own entry.</summary>
    public CacheEntry? Entry { get; init; }
}
