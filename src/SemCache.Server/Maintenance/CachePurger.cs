using SemCache.Core.Index;
using SemCache.Core.Review;
using SemCache.Core.Storage;

namespace SemCache.Server.Maintenance;

/// <summary>
/// Removes entries, their vectors, the aliases that share their image and every image no longer referenced, so the
/// index never points at a missing image and no image outlives all its entries.
/// </summary>
public sealed class CachePurger(IImageStore store, IVectorIndex index, IReviewStore review)
{
    public async Task<PurgeResult> PurgeAsync(Func<CacheEntry, bool> match, CancellationToken cancellationToken = default)
    {
        var purgedKeys = new HashSet<string>(StringComparer.Ordinal);
        var candidateBlobs = new HashSet<string>(StringComparer.Ordinal);
        var vectors = 0;
        var aliases = new List<CacheEntry>();
        await foreach (var entry in store.ListEntriesAsync(cancellationToken))
        {
            if (match(entry))
            {
                purgedKeys.Add(entry.Key);
                candidateBlobs.Add(entry.BlobSha256);
            }
            else if (entry.AliasOf is not null)
            {
                aliases.Add(entry);
            }
        }

        // Vectors go first: a crash half-way leaves entries without vectors (harmless), never vectors without images.
        foreach (var key in purgedKeys)
        {
            if (await index.RemoveAsync(key, cancellationToken))
            {
                vectors++;
            }

            await store.DeleteEntryAsync(key, cancellationToken);
        }

        var aliasCount = 0;
        var removedKeys = new HashSet<string>(purgedKeys, StringComparer.Ordinal);
        foreach (var alias in aliases.Where(a => purgedKeys.Contains(a.AliasOf!)))
        {
            await store.DeleteEntryAsync(alias.Key, cancellationToken);
            candidateBlobs.Add(alias.BlobSha256);
            removedKeys.Add(alias.Key);
            aliasCount++;
        }

        // Recorded pairs follow their entries (a purge may be a privacy request). Before the images go, so a crash
        // here leaves no pair pointing at a deleted picture.
        await review.RemoveByKeysAsync(removedKeys, cancellationToken);

        var stillUsed = new HashSet<string>(StringComparer.Ordinal);
        if (candidateBlobs.Count > 0)
        {
            await foreach (var entry in store.ListEntriesAsync(cancellationToken))
            {
                if (candidateBlobs.Contains(entry.BlobSha256))
                {
                    stillUsed.Add(entry.BlobSha256);
                }
            }
        }

        var blobs = 0;
        foreach (var sha in candidateBlobs.Where(b => !stillUsed.Contains(b)))
        {
            if (await store.DeleteBlobAsync(sha, cancellationToken))
            {
                blobs++;
            }
        }

        return new PurgeResult(purgedKeys.Count, aliasCount, vectors, blobs);
    }

    /// <summary>Removes exactly these keys (eviction), with the same order and guarantees as <see cref="PurgeAsync"/>.</summary>
    public Task<PurgeResult> RemoveKeysAsync(IReadOnlySet<string> keys, CancellationToken cancellationToken = default) =>
        PurgeAsync(e => keys.Contains(e.Key), cancellationToken);

    /// <summary>Builds the predicate of a purge request; null when no criterion was given.</summary>
    public static Func<CacheEntry, bool>? Criteria(string? key, string? prompt, string? partition, TimeSpan? olderThan, DateTimeOffset now)
    {
        if (key is null && prompt is null && partition is null && olderThan is null)
        {
            return null;
        }

        var canonicalPrompt = prompt is null ? null : Core.Requests.PromptText.Canonicalize(prompt);
        return e => (key is null || e.Key == key)
            && (canonicalPrompt is null || string.Equals(e.Prompt, canonicalPrompt, StringComparison.Ordinal))
            && (partition is null || e.Partition == partition || e.Partition.StartsWith(partition, StringComparison.Ordinal))
            && (olderThan is null || e.Created < now - olderThan.Value);
    }
}
