using System.Runtime.CompilerServices;
using SemCache.Core.Storage;

namespace SemCache.Backfill;

/// <summary>
/// The entries of a semcache store (its own format: the entry JSON carries prompt and parameters). Stores do not
/// promise a sorted listing, only a stable one, so resuming skips up to the checkpoint's key once it is seen
/// (were it deleted since, the listing starts over: harmless, the run is idempotent).
/// </summary>
public sealed class StoreEntrySource(IImageStore store, string description, bool ownsStore) : IBackfillSource
{
    public string Description => description;

    public async IAsyncEnumerable<BackfillItem> ListAsync(string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = after is null || await store.GetEntryAsync(after, cancellationToken) is null;
        await foreach (var entry in store.ListEntriesAsync(cancellationToken))
        {
            if (seen)
            {
                yield return new BackfillItem(entry.Key, entry.Key) { Entry = entry };
            }
            else
            {
                seen = entry.Key == after;
            }
        }
    }

    public async Task<SourceObject?> ReadAsync(BackfillItem item, CancellationToken cancellationToken)
    {
        if (item.Entry is null || await store.GetBlobAsync(item.Entry.BlobSha256, cancellationToken) is not { } blob)
        {
            return null;
        }

        return new SourceObject(blob.Bytes, blob.ContentType, null, item.Entry.Created);
    }

    public void Dispose()
    {
        if (ownsStore && store is IDisposable d)
        {
            d.Dispose();
        }
    }
}
