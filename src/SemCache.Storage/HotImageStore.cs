using System.Collections.Concurrent;
using SemCache.Core.Storage;

namespace SemCache.Storage;

/// <summary>
/// Keeps recently read entries and images in memory in front of another store, so a repeated exact hit reads no file
/// and allocates nothing here: the completed read tasks themselves are kept and handed out again.
/// Images are bounded by a byte budget, entries by count; when either is full, entries not read since the last sweep
/// go first (second chance). Writes and deletes through this store drop what they touch; an entry is also re-read
/// after <c>entryLifetime</c>, so a purge made by another process or node is seen within that time.
/// </summary>
public sealed class HotImageStore : IImageStore, IDisposable
{
    private readonly IImageStore _inner;
    private readonly long _byteBudget;
    private readonly int _entryBudget;
    private readonly long _entryLifetimeMs;
    private readonly ConcurrentDictionary<string, Slot<CacheEntry>> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Slot<StoredBlob>> _blobs = new(StringComparer.Ordinal);
    private readonly Lock _sweepLock = new();
    private long _bytes;

    // Bumped by every write or delete: a read that started before one must not put what it read into the set.
    private long _generation;

    /// <param name="byteBudget">Image bytes kept at most; an image larger than an eighth of it is never kept.</param>
    /// <param name="entryLifetime">How long a kept entry is served before it is read again.</param>
    public HotImageStore(IImageStore inner, long byteBudget, TimeSpan entryLifetime)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(byteBudget);
        _inner = inner;
        _byteBudget = byteBudget;
        _entryBudget = (int)Math.Clamp(byteBudget / 4096, 1024, 1_000_000);
        _entryLifetimeMs = (long)Math.Max(0, entryLifetime.TotalMilliseconds);
    }

    public IImageStore Inner => _inner;

    /// <summary>Disposes the store it wraps (the container disposes only this one).</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();

    /// <summary>Image bytes held now.</summary>
    public long HeldBytes => Interlocked.Read(ref _bytes);

    public Task<CacheEntry?> GetEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(key, out var slot) && Environment.TickCount64 - slot.LoadedAt < _entryLifetimeMs)
        {
            slot.Touched = true;
            return slot.Task;
        }

        return LoadEntryAsync(key, cancellationToken);
    }

    public Task<StoredBlob?> GetBlobAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (_blobs.TryGetValue(sha256, out var slot))
        {
            slot.Touched = true;
            return slot.Task;
        }

        return LoadBlobAsync(sha256, cancellationToken);
    }

    public Task<string> PutBlobAsync(ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken = default) =>
        _inner.PutBlobAsync(bytes, contentType, cancellationToken);

    public Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken = default) =>
        _inner.BlobExistsAsync(sha256, cancellationToken);

    public async Task<bool> DeleteBlobAsync(string sha256, CancellationToken cancellationToken = default)
    {
        Forget(_blobs, sha256);
        try
        {
            return await _inner.DeleteBlobAsync(sha256, cancellationToken);
        }
        finally
        {
            Forget(_blobs, sha256);
        }
    }

    public IAsyncEnumerable<string> ListBlobsAsync(CancellationToken cancellationToken = default) => _inner.ListBlobsAsync(cancellationToken);

    public async Task PutEntryAsync(CacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Forget(_entries, entry.Key);
        try
        {
            await _inner.PutEntryAsync(entry, cancellationToken);
        }
        finally
        {
            Forget(_entries, entry.Key);
        }
    }

    public async Task<bool> DeleteEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        Forget(_entries, key);
        try
        {
            return await _inner.DeleteEntryAsync(key, cancellationToken);
        }
        finally
        {
            Forget(_entries, key);
        }
    }

    public IAsyncEnumerable<CacheEntry> ListEntriesAsync(CancellationToken cancellationToken = default) => _inner.ListEntriesAsync(cancellationToken);

    private async Task<CacheEntry?> LoadEntryAsync(string key, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var entry = await _inner.GetEntryAsync(key, cancellationToken);
        if (entry is not null && _byteBudget > 0)
        {
            if (_entries.Count >= _entryBudget)
            {
                Sweep(_entries, () => _entries.Count < _entryBudget * 7 / 8, _ => 0);
            }

            Keep(_entries, key, new Slot<CacheEntry>(Task.FromResult<CacheEntry?>(entry), 0), generation);
        }

        return entry;
    }

    private async Task<StoredBlob?> LoadBlobAsync(string sha256, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var blob = await _inner.GetBlobAsync(sha256, cancellationToken);
        var size = blob?.Bytes.LongLength ?? 0;
        if (blob is not null && size <= _byteBudget / 8)
        {
            if (HeldBytes + size > _byteBudget)
            {
                Sweep(_blobs, () => HeldBytes + size <= _byteBudget * 7 / 8, s => s.Size);
            }

            if (Keep(_blobs, sha256, new Slot<StoredBlob>(Task.FromResult<StoredBlob?>(blob), size), generation))
            {
                Interlocked.Add(ref _bytes, size);
            }
        }

        return blob;
    }

    private bool Keep<T>(ConcurrentDictionary<string, Slot<T>> map, string name, Slot<T> slot, long generation)
        where T : class
    {
        if (!map.TryAdd(name, slot))
        {
            // Present already (another reader, or an expired entry): replace an expired entry, keep a fresh one.
            if (!map.TryGetValue(name, out var old) || Environment.TickCount64 - old.LoadedAt < _entryLifetimeMs || !map.TryUpdate(name, slot, old))
            {
                return false;
            }

            Interlocked.Add(ref _bytes, -old.Size);
        }

        if (Interlocked.Read(ref _generation) != generation)
        {
            // A write or delete raced with this read: what was read may be stale, so do not keep it.
            if (map.TryRemove(new KeyValuePair<string, Slot<T>>(name, slot)))
            {
                return false;
            }
        }

        return true;
    }

    private void Forget<T>(ConcurrentDictionary<string, Slot<T>> map, string name)
        where T : class
    {
        Interlocked.Increment(ref _generation);
        if (map.TryRemove(name, out var old))
        {
            Interlocked.Add(ref _bytes, -old.Size);
        }
    }

    /// <summary>Drops slots not read since the last sweep (and clears the mark of the others) until there is room.</summary>
    private void Sweep<T>(ConcurrentDictionary<string, Slot<T>> map, Func<bool> enough, Func<Slot<T>, long> size)
        where T : class
    {
        lock (_sweepLock)
        {
            for (var pass = 0; pass < 2 && !enough(); pass++)
            {
                foreach (var (name, slot) in map)
                {
                    if (enough())
                    {
                        return;
                    }

                    if (slot.Touched)
                    {
                        slot.Touched = false;
                    }
                    else if (map.TryRemove(new KeyValuePair<string, Slot<T>>(name, slot)))
                    {
                        Interlocked.Add(ref _bytes, -size(slot));
                    }
                }
            }
        }
    }

    private sealed class Slot<T>(Task<T?> task, long size)
        where T : class
    {
        public Task<T?> Task { get; } = task;

        public long Size { get; } = size;

        public long LoadedAt { get; } = Environment.TickCount64;

        public bool Touched { get; set; }
    }
}
