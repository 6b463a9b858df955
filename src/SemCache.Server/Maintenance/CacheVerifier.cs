using SemCache.Embedding;
using SemCache.Index;
using SemCache.Matching;
using SemCache.Storage;

namespace SemCache.Server.Maintenance;

/// <summary>
/// Finds inconsistencies between store and index: entries whose image is missing, aliases whose target key is gone,
/// and entries of readable prompts that have no vector. Repair removes the first two kinds through
/// <see cref="CachePurger"/> (vector before entry) and re-indexes the third.
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
        var unindexed = new List<CacheEntry>();
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
            else if (entry.AliasOf is null
                && decider.Profile(entry.Prompt, coverage).SemanticEligible
                && !await index.ContainsAsync(entry.Key, cancellationToken))
            {
                unindexed.Add(entry);
            }

            if (++checkedCount % 500 == 0)
            {
                progress?.Invoke($"checked {checkedCount} of {entries.Count} entries...");
            }
        }

        int removed = 0, reindexed = 0;
        if (repair)
        {
            if (broken.Count > 0)
            {
                var purged = await purger.RemoveKeysAsync(broken, cancellationToken);
                removed = purged.Entries + purged.Aliases;
            }

            foreach (var batch in unindexed.Chunk(BatchSize))
            {
                reindexed += await indexer.IndexAsync(batch, cancellationToken);
                progress?.Invoke($"re-indexed {reindexed} of {unindexed.Count} prompts...");
            }
        }

        return new VerifyResult(entries.Count, missingBlobs, orphanAliases, unindexed.Count, removed, reindexed, repair);
    }
}
