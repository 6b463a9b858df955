namespace SemCache.Server.Maintenance;

/// <summary>
/// What <see cref="CacheVerifier"/> found (entries whose image is missing, aliases whose target is gone, readable
/// prompts without a vector) and, with repair, what it removed and re-indexed.
/// </summary>
public sealed record VerifyResult(int Entries, int MissingBlobs, int OrphanAliases, int Unindexed, int Removed, int Reindexed, bool Repaired)
{
    public int Problems => MissingBlobs + OrphanAliases + Unindexed;
}
