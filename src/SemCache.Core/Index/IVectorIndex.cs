namespace SemCache.Core.Index;

/// <summary>
/// Nearest-neighbour search over prompt embeddings, always inside one partition and one embedder.
/// Implementations: the embedded index (exact search, persisted under the data directory) and PostgreSQL + pgvector.
/// </summary>
public interface IVectorIndex
{
    /// <summary>Adds or replaces the entry with the same key (idempotent).</summary>
    Task UpsertAsync(IndexEntry entry, CancellationToken cancellationToken = default);

    Task UpsertManyAsync(IReadOnlyList<IndexEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="count"/> most similar entries of the partition, best first.</summary>
    Task<IReadOnlyList<IndexCandidate>> SearchAsync(
        string partition,
        string embedderId,
        ReadOnlyMemory<float> vector,
        int count,
        CancellationToken cancellationToken = default);

    Task<bool> ContainsAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Entries per partition (for stats and metrics).</summary>
    Task<IReadOnlyDictionary<string, long>> CountByPartitionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every stored vector's key, partition and embedder, in no promised order, streamed so that a large index is
    /// never held in memory at once (verify uses it to find vectors whose entry is gone). Rows written or removed
    /// while the listing runs may or may not appear.
    /// </summary>
    IAsyncEnumerable<IndexedKey> ListAsync(CancellationToken cancellationToken = default);
}
