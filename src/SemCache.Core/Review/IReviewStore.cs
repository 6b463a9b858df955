namespace SemCache.Core.Review;

/// <summary>
/// Recorded semantic decisions and their labels, kept beside the vector index: SQLite next to the embedded index,
/// tables in the same schema on PostgreSQL. Writes are durable when the task completes.
/// </summary>
public interface IReviewStore
{
    Task RecordAsync(RecordedPair pair, CancellationToken cancellationToken = default);

    /// <summary>Newest first (by recording time); labels included.</summary>
    Task<IReadOnlyList<RecordedPair>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken = default);

    Task<RecordedPair?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Sets (or replaces) the pair's label; false when the pair does not exist (purged or evicted).</summary>
    Task<bool> LabelAsync(string id, PairLabel label, CancellationToken cancellationToken = default);

    /// <summary>Removes every pair whose query or candidate is one of <paramref name="keys"/>, with its label.</summary>
    Task<int> RemoveByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Retention: removes pairs recorded before <paramref name="recordedBefore"/>, then the oldest beyond <paramref name="maxPairs"/>.</summary>
    Task<int> TrimAsync(DateTimeOffset recordedBefore, int maxPairs, CancellationToken cancellationToken = default);

    Task<ReviewCounts> CountAsync(CancellationToken cancellationToken = default);
}
