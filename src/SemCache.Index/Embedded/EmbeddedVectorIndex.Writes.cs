using SemCache.Core.Index;
using SemCache.Core.Numerics;

namespace SemCache.Index.Embedded;

/// <summary>Upsert, removal and the load at open: disk first, then memory, one writer at a time.</summary>
public sealed partial class EmbeddedVectorIndex
{
    public Task UpsertAsync(IndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UpsertManyAsync([entry], cancellationToken);
    }

    public Task UpsertManyAsync(IReadOnlyList<IndexEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var prepared = Prepare(entries);
            _table.Upsert(prepared);
            _memoryLock.EnterWriteLock();
            try
            {
                foreach (var entry in prepared)
                {
                    Apply(entry);
                }
            }
            finally
            {
                _memoryLock.ExitWriteLock();
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Digest256.TryParse(key, out var digest))
        {
            return Task.FromResult(false);
        }

        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Only writers change _locations and they hold the gate, so this read needs no memory lock.
            if (!_locations.TryGetValue(digest, out var location))
            {
                return Task.FromResult(false);
            }

            _table.Delete(key);
            _memoryLock.EnterWriteLock();
            try
            {
                RemoveRow(digest, location);
            }
            finally
            {
                _memoryLock.ExitWriteLock();
            }
        }

        return Task.FromResult(true);
    }

    /// <summary>Validates the batch whole (nothing is written if one entry is bad) and normalises each vector.</summary>
    private List<IndexEntry> Prepare(IReadOnlyList<IndexEntry> entries)
    {
        var batchDimensions = new Dictionary<string, int>(StringComparer.Ordinal);
        var prepared = new List<IndexEntry>(entries.Count);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            Digest256.Parse(entry.Key, nameof(IndexEntry.Key));
            Digest256.Parse(entry.BlobSha256, nameof(IndexEntry.BlobSha256));
            ArgumentException.ThrowIfNullOrEmpty(entry.Partition, nameof(IndexEntry.Partition));
            ArgumentException.ThrowIfNullOrEmpty(entry.EmbedderId, nameof(IndexEntry.EmbedderId));
            ArgumentNullException.ThrowIfNull(entry.Prompt, nameof(IndexEntry.Prompt));

            var length = entry.Vector.Length;
            if (!_dimensions.TryGetValue(entry.EmbedderId, out var dimension)
                && !batchDimensions.TryGetValue(entry.EmbedderId, out dimension))
            {
                dimension = length;
                batchDimensions[entry.EmbedderId] = length;
            }

            if (length == 0 || length != dimension)
            {
                throw new ArgumentException(
                    $"Embedder '{entry.EmbedderId}' stores {dimension}-d vectors; entry {entry.Key} has {length}.",
                    nameof(entries));
            }

            var unit = entry.Vector.ToArray();
            VectorMath.NormalizeInPlace(unit);
            if (!float.IsFinite(VectorMath.Dot(unit, unit)) || unit.AsSpan().IndexOfAnyExcept(0f) < 0)
            {
                throw new ArgumentException($"Entry {entry.Key} has a zero or non-finite vector.", nameof(entries));
            }

            prepared.Add(entry with { Vector = unit });
        }

        return prepared;
    }

    /// <summary>Memory side of an upsert; caller holds the gate and the write lock.</summary>
    private void Apply(IndexEntry entry)
    {
        var key = Digest256.Parse(entry.Key, nameof(entry));
        if (_locations.TryGetValue(key, out var location))
        {
            var shard = location.Shard;
            if (shard.Partition == entry.Partition && shard.EmbedderId == entry.EmbedderId)
            {
                shard.Write(location.Row, key, entry.Vector.Span);
                return;
            }

            RemoveRow(key, location);
        }

        var vector = entry.Vector.Span;
        if (!_shards.TryGetValue((entry.Partition, entry.EmbedderId), out var target))
        {
            target = new VectorShard(entry.Partition, entry.EmbedderId, vector.Length, capacity: 0);
            _shards[(entry.Partition, entry.EmbedderId)] = target;
            _dimensions.TryAdd(entry.EmbedderId, vector.Length);
        }

        _locations[key] = new RowLocation(target, target.Append(key, vector));
        if (target.NeedsRestore)
        {
            RestoreCodes(target);
        }

        ConsiderGraph(target);
    }

    /// <summary>
    /// A graph that was the only in-memory copy of a shard's vectors was dropped (label clash): re-read them from
    /// SQLite. Caller holds the gate (the writer connection is free) and the write lock (no search sees the gap).
    /// Rows of the current batch not applied yet are skipped; they bring their vectors when applied.
    /// </summary>
    private void RestoreCodes(VectorShard shard)
    {
        shard.Restore(_table.ReadShard(shard.Partition, shard.EmbedderId)
            .Select(row => (Found: Digest256.TryParse(row.Key, out var key) && _locations.TryGetValue(key, out var at) && at.Shard == shard ? at.Row : -1, row.Vector))
            .Where(row => row.Found >= 0 && row.Vector.Length == shard.Dimension));
    }

    private void RemoveRow(Digest256 key, RowLocation location)
    {
        var shard = location.Shard;
        if (shard.RemoveAt(location.Row) is { } moved)
        {
            _locations[moved] = location;
        }

        _locations.Remove(key);
        if (shard.Count == 0)
        {
            // An empty partition gives its arrays back; the embedder keeps its dimension until restart.
            _shards.Remove((shard.Partition, shard.EmbedderId));
            shard.AbortBuild();
            shard.DisposeGraph();
        }
    }

    /// <summary>
    /// Reads every row's key and vector in one pass, then trims each shard to its exact size, so a freshly opened
    /// index carries no spare capacity. Sizing first with a GROUP BY cost a second pass and a sort that took 13 s
    /// of a 1M-row open. A row whose blob digest was edited into nonsense is found at search time and dropped then.
    /// </summary>
    private void Load()
    {
        (string? Partition, string? EmbedderId, VectorShard? Shard) last = default;
        _table.ReadAll((keyText, partition, embedderId, vector) =>
        {
            // The reader hands out one string instance per name, so consecutive rows of a shard skip the lookup.
            if (!ReferenceEquals(last.Partition, partition) || !ReferenceEquals(last.EmbedderId, embedderId))
            {
                last = (partition, embedderId, ShardForLoad(partition, embedderId, vector.Length));
            }

            // Rows were validated when written; one edited by hand into nonsense is skipped rather than fatal.
            var shard = last.Shard;
            if (Digest256.TryParse(keyText, out var key) && shard is not null && shard.Dimension == vector.Length)
            {
                if (shard.Count == shard.Capacity)
                {
                    shard.Reserve(shard.Capacity * 2); // doubling while loading: trimmed to size below
                }

                _locations[key] = new RowLocation(shard, shard.Append(key, vector));
            }
        });

        foreach (var (place, shard) in _shards.ToList())
        {
            if (shard.Count == 0)
            {
                _shards.Remove(place); // only rows edited into nonsense
            }

            shard.TrimExcess();
        }

        _locations.TrimExcess();
    }

    /// <summary>The shard a loaded row goes to; the first row of an embedder fixes its dimension, as a write does.</summary>
    private VectorShard? ShardForLoad(string partition, string embedderId, int dimension)
    {
        if (_shards.TryGetValue((partition, embedderId), out var shard))
        {
            return shard;
        }

        if (dimension == 0 || (_dimensions.TryGetValue(embedderId, out var known) && known != dimension))
        {
            return null;
        }

        _dimensions[embedderId] = dimension;
        return _shards[(partition, embedderId)] = new VectorShard(partition, embedderId, dimension, capacity: 0);
    }
}
