using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Matching;

namespace SemCache.Server.Maintenance;

/// <summary>
/// Finds inconsistencies between store and index: entries whose image is missing, aliases whose target key is gone,
/// entries of readable prompts that have no vector, and vectors whose entry is gone. Repair removes the first two
/// kinds through <see cref="CachePurger"/> (vector before entry), re-indexes the third and removes the orphan vectors.
/// Vectors made by another embedder than the configured one are counted, not touched: <c>semcache reindex</c>
/// replaces them.
/// </summary>
public sealed class CacheVerifier(
    IImageStore store,
    IVectorIndex index,
    CachePurger purger,
    EntryIndexer indexer,
    SemanticDecider decider,
    IPromptCoverage coverage)
{
    private const int BatchSize = 32;

    public async Task<VerifyResult> VerifyAsync(bool repair, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var entries = new List<CacheEntry>();
        await foreach (var entry in store.ListEntriesAsync(cancellationToken))
        {
            entries.Add(entry);
        }

        var keys = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var blobExists = new Dictionary<string, bool>(StringComparer.Ordinal);
        var broken = new HashSet<string>(StringComparer.Ordinal);
        var needVector = new HashSet<string>(StringComparer.Ordinal);
        int missingBlobs = 0, orphanAliases = 0, checkedCount = 0;
        foreach (var entry in entries)
        {
            if (!blobExists.TryGetValue(entry.BlobSha256, out var exists))
            {
                exists = await store.BlobExistsAsync(entry.BlobSha256, cancellationToken);
                blobExists[entry.BlobSha256] = exists;
            }

            if (!exists)
            {
                missingBlobs++;
                broken.Add(entry.Key);
            }
            else if (entry.AliasOf is { } target && !keys.Contains(target))
            {
                orphanAliases++;
                broken.Add(entry.Key);
            }
            else if (entry.AliasOf is null && decider.Profile(entry.Prompt, coverage).SemanticEligible)
            {
                needVector.Add(entry.Key);
            }

            if (++checkedCount % 500 == 0)
            {
                progress?.Invoke($"checked {checkedCount} of {entries.Count} entries...");
            }
        }

        // The index is listed after the store: a vector the server writes meanwhile belongs to an entry written just
        // before it, which is looked up again below instead of being taken for an orphan.
        var vectors = 0;
        var stale = 0;
        var orphanCandidates = new List<string>();
        await foreach (var vector in index.ListAsync(cancellationToken))
        {
            if (!keys.Contains(vector.Key))
            {
                orphanCandidates.Add(vector.Key);
            }
            else if (needVector.Remove(vector.Key) && !string.Equals(vector.EmbedderId, coverage.EmbedderId, StringComparison.Ordinal))
            {
                // Only prompts the configured embedder reads: those are the ones reindex replaces.
                stale++;
            }

            if (++vectors % 10_000 == 0)
            {
                progress?.Invoke($"listed {vectors} vectors...");
            }
        }

        var orphanVectors = new List<string>();
        foreach (var key in orphanCandidates)
        {
            if (await store.GetEntryAsync(key, cancellationToken) is null)
            {
                orphanVectors.Add(key);
            }
        }

        var unindexed = entries.Where(e => needVector.Contains(e.Key)).ToList();
        int removed = 0, removedVectors = 0, reindexed = 0;
        if (repair)
        {
            if (broken.Count > 0)
            {
                var purged = await purger.RemoveKeysAsync(broken, cancellationToken);
                removed = purged.Entries + purged.Aliases;
            }

            foreach (var key in orphanVectors)
            {
                if (await index.RemoveAsync(key, cancellationToken))
                {
                    removedVectors++;
                }
            }

            foreach (var batch in unindexed.Chunk(BatchSize))
            {
                reindexed += await indexer.IndexAsync(batch, cancellationToken);
                progress?.Invoke($"re-indexed {reindexed} of {unindexed.Count} prompts...");
            }
        }

        return new VerifyResult(entries.Count, missingBlobs, orphanAliases, unindexed.Count, removed, reindexed, repair)
        {
            Vectors = vectors,
            OrphanVectors = orphanVectors.Count,
            RemovedVectors = removedVectors,
            StaleEmbedderVectors = stale,
            EmbedderId = coverage.EmbedderId,
        };
    }
}
