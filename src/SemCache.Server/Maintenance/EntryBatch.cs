using SemCache.Core.Storage;

namespace SemCache.Server.Maintenance;

/// <summary>Collects entries and indexes them a batch at a time through <see cref="EntryIndexer"/>.</summary>
public sealed class EntryBatch(EntryIndexer indexer, int size)
{
    private readonly List<CacheEntry> _pending = new(size);

    /// <summary>Entries indexed so far.</summary>
    public int Indexed { get; private set; }

    /// <summary>Adds an entry; indexes the batch when it is full.</summary>
    public async Task AddAsync(CacheEntry entry, CancellationToken cancellationToken)
    {
        _pending.Add(entry);
        if (_pending.Count >= size)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Indexes what is left.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Indexed += await indexer.IndexAsync(_pending, cancellationToken);
        _pending.Clear();
    }
}
