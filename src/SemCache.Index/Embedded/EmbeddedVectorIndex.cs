using System.Buffers;
using SemCache.Core.Index;
using SemCache.Core.Numerics;

namespace SemCache.Index.Embedded;

/// <summary>
/// Nearest-neighbour search over rows persisted in <c>{directory}/index.db</c> (SQLite, WAL). Memory holds only what
/// picks candidates: per-row int8 codes for partitions that are scanned, the HNSW graph (its own int8 copy) for large
/// ones. The candidates' fp32 vectors are read back from SQLite and scored exactly, so every similarity returned is
/// the fp32 cosine and only the choice of candidates is approximate (see <see cref="ApproximateSearchOptions"/>).
/// </summary>
/// <remarks>
/// Concurrency: a <see cref="ReaderWriterLockSlim"/> lets many searches pick candidates at once and holds them off
/// only while a writer changes memory. Writers are serialised by a separate gate and commit to SQLite before touching
/// memory, so memory is never ahead of disk. A search reads its candidates' rows through its own read-only connection
/// after leaving the lock, so writers never wait for a search's disk reads; a candidate deleted or moved in between
/// is not found and is dropped, and one rewritten in between is scored by its new vector.
/// One instance owns a directory: a second instance over the same files would not see the first one's writes.
/// </remarks>
public sealed partial class EmbeddedVectorIndex : IVectorIndex, IDisposable
{
    /// <summary>The SQLite file inside the index directory.</summary>
    public const string FileName = "index.db";

    private const int StackLimit = 256;

    // Idle read connections kept for searches; more are opened under a burst and closed when it passes.
    private static readonly int MaxIdleReaders = Math.Max(4, Environment.ProcessorCount);

    private readonly SqliteEntryTable _table;
    private readonly ReaderWriterLockSlim _memoryLock = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _writeGate = new();
    private readonly Dictionary<(string Partition, string EmbedderId), VectorShard> _shards = [];
    private readonly Dictionary<Digest256, RowLocation> _locations = [];
    private readonly Dictionary<string, int> _dimensions = new(StringComparer.Ordinal);
    private readonly string _directory;
    private readonly ApproximateSearchOptions _approximate;
    private readonly List<Task> _builds = [];
    private readonly Stack<SqliteRowReader> _readers = [];
    private volatile bool _disposed;

    private EmbeddedVectorIndex(SqliteEntryTable table, string directory, ApproximateSearchOptions approximate)
    {
        _table = table;
        _directory = directory;
        _approximate = approximate;
    }

    /// <summary>
    /// Opens (or creates) the index in <paramref name="directory"/>, reads every row's key and vector (int8 codes
    /// and the fingerprint that checks saved graphs) and gives each large partition its HNSW graph (see
    /// <see cref="ApproximateSearchOptions"/>; default options when null).
    /// </summary>
    public static EmbeddedVectorIndex Open(string directory, ApproximateSearchOptions? approximate = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        approximate ??= new ApproximateSearchOptions();
        var errors = approximate.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(approximate));
        }

        Directory.CreateDirectory(directory);
        var table = new SqliteEntryTable(Path.Combine(directory, FileName));
        try
        {
            var index = new EmbeddedVectorIndex(table, directory, approximate);
            index.Load();
            index.OpenGraphs();
            return index;
        }
        catch
        {
            table.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<IndexCandidate>> SearchAsync(
        string partition,
        string embedderId,
        ReadOnlyMemory<float> vector,
        int count,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(embedderId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Search(partition, embedderId, vector.Span, count));
    }

    public Task<bool> ContainsAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Digest256.TryParse(key, out var digest))
        {
            return Task.FromResult(false);
        }

        _memoryLock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Task.FromResult(_locations.ContainsKey(digest));
        }
        finally
        {
            _memoryLock.ExitReadLock();
        }
    }

    public Task<IReadOnlyDictionary<string, long>> CountByPartitionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        _memoryLock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var shard in _shards.Values)
            {
                counts[shard.Partition] = counts.GetValueOrDefault(shard.Partition) + shard.Count;
            }
        }
        finally
        {
            _memoryLock.ExitReadLock();
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(counts);
    }

    /// <summary>
    /// A snapshot taken under the read lock at the call: 32 bytes and a shard reference per row, against ~700 bytes
    /// the index itself keeps per row. Keys become strings only as the caller iterates.
    /// </summary>
    public IAsyncEnumerable<IndexedKey> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (Digest256 Key, VectorShard Shard)[] rows;
        _memoryLock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            rows = new (Digest256, VectorShard)[_locations.Count];
            var i = 0;
            foreach (var (key, location) in _locations)
            {
                rows[i++] = (key, location.Shard);
            }
        }
        finally
        {
            _memoryLock.ExitReadLock();
        }

        return rows.Select(r => new IndexedKey(r.Key.ToString(), r.Shard.Partition, r.Shard.EmbedderId)).ToAsyncEnumerable();
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _memoryLock.EnterWriteLock();
            _disposed = true;
            _memoryLock.ExitWriteLock();
            CloseGraphs();
            CloseReaders();
            _table.Dispose();

            // _memoryLock is left to the GC: a search that slipped in after the flag was set still has to exit it,
            // and disposing it under that search would throw there instead of the clean ObjectDisposedException.
        }
    }

    private IReadOnlyList<IndexCandidate> Search(string partition, string embedderId, ReadOnlySpan<float> vector, int count)
    {
        if (count == 0)
        {
            return [];
        }

        float[]? rentedQuery = null;
        var query = vector.Length <= StackLimit * 4
            ? stackalloc float[vector.Length]
            : (rentedQuery = ArrayPool<float>.Shared.Rent(vector.Length)).AsSpan(0, vector.Length);
        vector.CopyTo(query);
        VectorMath.NormalizeInPlace(query);
        try
        {
            // Candidates are picked in memory under the read lock; their exact scores are read from SQLite after it,
            // so writers never wait for a search's disk reads.
            string[] keys;
            int k;
            _memoryLock.EnterReadLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                (keys, k) = CandidatesLocked(partition, embedderId, query, count);
            }
            finally
            {
                _memoryLock.ExitReadLock();
            }

            return keys.Length == 0 ? [] : Rescore(partition, embedderId, query, keys, k);
        }
        finally
        {
            if (rentedQuery is not null)
            {
                ArrayPool<float>.Shared.Return(rentedQuery);
            }
        }
    }

    /// <summary>The keys of the candidate rows, and how many results to keep. Caller holds the read lock.</summary>
    private (string[] Keys, int K) CandidatesLocked(string partition, string embedderId, ReadOnlySpan<float> query, int count)
    {
        if (_dimensions.TryGetValue(embedderId, out var dimension) && dimension != query.Length)
        {
            throw new ArgumentException(
                $"Embedder '{embedderId}' stores {dimension}-d vectors; the query has {query.Length}.", "vector");
        }

        if (!_shards.TryGetValue((partition, embedderId), out var shard) || shard.Count == 0)
        {
            return ([], 0);
        }

        var k = Math.Min(count, shard.Count);
        var wanted = Math.Min(Math.Max(k, _approximate.Candidates), shard.Count);
        var rows = ArrayPool<int>.Shared.Rent(wanted);
        var scratch = ArrayPool<float>.Shared.Rent(wanted);
        try
        {
            var found = shard.Candidates(query, rows.AsSpan(0, wanted), scratch.AsSpan(0, wanted));
            var keys = new string[found];
            for (var i = 0; i < found; i++)
            {
                keys[i] = shard.KeyAt(rows[i]).ToString();
            }

            return (keys, k);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Scores each candidate against its fp32 vector in SQLite and keeps the best <paramref name="k"/>. A candidate
    /// deleted or moved since it was picked is not found there and is dropped: results never name a row that is
    /// gone, and a row updated meanwhile is scored by its new vector.
    /// </summary>
    private IndexCandidate[] Rescore(string partition, string embedderId, ReadOnlySpan<float> query, string[] keys, int k)
    {
        var scored = new List<IndexCandidate>(keys.Length);
        var dimension = query.Length;
        var vectors = ArrayPool<float>.Shared.Rent(keys.Length * dimension);
        try
        {
            var reader = RentReader();
            try
            {
                reader.Score(keys, partition, embedderId, query, scored, vectors);
            }
            finally
            {
                ReturnReader(reader);
            }

            var order = new int[scored.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (x, y) => scored[y].Similarity != scored[x].Similarity ? scored[y].Similarity.CompareTo(scored[x].Similarity) : string.CompareOrdinal(scored[x].Key, scored[y].Key));
            var results = new IndexCandidate[Math.Min(k, order.Length)];
            for (var i = 0; i < results.Length; i++)
            {
                // Only the results kept get a copy of their vector (the candidates re-scored may be 32).
                results[i] = scored[order[i]] with { Vector = vectors.AsSpan(order[i] * dimension, dimension).ToArray() };
            }

            return results;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vectors);
        }
    }

    private SqliteRowReader RentReader()
    {
        lock (_readers)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_readers.TryPop(out var reader))
            {
                return reader;
            }
        }

        return new SqliteRowReader(Path.Combine(_directory, FileName));
    }

    private void ReturnReader(SqliteRowReader reader)
    {
        lock (_readers)
        {
            if (!_disposed && _readers.Count < MaxIdleReaders)
            {
                _readers.Push(reader);
                return;
            }
        }

        reader.Dispose();
    }

    private void CloseReaders()
    {
        lock (_readers)
        {
            while (_readers.TryPop(out var reader))
            {
                reader.Dispose();
            }
        }
    }
}
