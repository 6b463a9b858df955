using SemCache.Core.Storage;

namespace SemCache.Server.Maintenance;

/// <summary>
/// The eviction order: lowest score goes first. The score is the last use (last hit, or creation when never hit)
/// plus a bonus of one hour per recorded hit, capped at 20 hits, so a popular entry outlives an idle one of similar
/// age without becoming immortal once it stops being asked for.
/// </summary>
public static class EvictionScore
{
    public const int MaxCountedHits = 20;

    public static readonly TimeSpan BonusPerHit = TimeSpan.FromHours(1);

    public static DateTimeOffset Of(DateTimeOffset lastUse, long hitCount) =>
        lastUse + (BonusPerHit * Math.Min(hitCount, MaxCountedHits));

    public static DateTimeOffset Of(CacheEntry entry) => Of(entry.LastHit ?? entry.Created, entry.HitCount);
}
