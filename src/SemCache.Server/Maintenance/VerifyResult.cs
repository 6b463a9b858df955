namespace SemCache.Server.Maintenance;

/// <summary>
/// What <see cref="CacheVerifier"/> found (entries whose image is missing, aliases whose target is gone, readable
/// prompts without a vector, vectors without an entry) and, with repair, what it removed and re-indexed.
/// Vectors of another embedder are information, not a problem: <c>semcache reindex</c> replaces them.
/// </summary>
public sealed record VerifyResult(int Entries, int MissingBlobs, int OrphanAliases, int Unindexed, int Removed, int Reindexed, bool Repaired)
{
    /// <summary>Vectors in the index, of any embedder.</summary>
    public int Vectors { get; init; }

    /// <summary>Vectors whose key has no entry in the store.</summary>
    public int OrphanVectors { get; init; }

    /// <summary>Orphan vectors removed by the repair.</summary>
    public int RemovedVectors { get; init; }

    /// <summary>Vectors of existing entries made by another embedder than <see cref="EmbedderId"/>: invisible to searches.</summary>
    public int StaleEmbedderVectors { get; init; }

    /// <summary>The configured embedder.</summary>
    public string EmbedderId { get; init; } = "";

    public int Problems => MissingBlobs + OrphanAliases + Unindexed + OrphanVectors;
}
