using System.Runtime.InteropServices;

namespace SemCache.Index.Embedded;

/// <summary>
/// The rows of one (partition, embedder) in memory: keys, and a way to pick candidates for a query. A shard without
/// an HNSW graph keeps per-row int8 codes and scans them; a shard with a graph keeps nothing else (the graph holds
/// its own int8 copy). Either way only candidates come from here: their similarities are computed by the index from
/// the fp32 vectors in SQLite. Prompts, blob digests and fp32 vectors are not held. Not thread-safe: the index
/// guards it.
/// </summary>
internal sealed class VectorShard
{
    private const int LargeShardRows = 65_536;

    private readonly Dictionary<ulong, int> _rowOfLabel = [];
    private Digest256[] _keys;
    private ulong[] _rowHashes;

    // Null once a graph is attached: the graph is then the only in-memory copy of the vectors.
    private sbyte[]? _codes;
    private float[]? _scales;

    // Labels changed while a graph is being built off the lock: replayed into it before it is attached.
    private HashSet<ulong>? _changedWhileBuilding;

    public VectorShard(string partition, string embedderId, int dimension, int capacity)
    {
        Partition = partition;
        EmbedderId = embedderId;
        Dimension = dimension;
        capacity = Math.Max(capacity, 4);
        _keys = new Digest256[capacity];
        _rowHashes = new ulong[capacity];
        _codes = new sbyte[capacity * dimension];
        _scales = new float[capacity];
    }

    public string Partition { get; }

    public string EmbedderId { get; }

    public int Dimension { get; }

    public int Count { get; private set; }

    /// <summary>The graph searches go through, once attached; null while the shard is scanned.</summary>
    public ShardGraph? Graph { get; private set; }

    public bool Building => _changedWhileBuilding is not null;

    /// <summary>
    /// Two keys share a 64-bit label (never expected with SHA-256 keys, but never trusted either): no graph then.
    /// </summary>
    public bool LabelClash { get; private set; }

    /// <summary>
    /// A graph was dropped after it had become the only copy of the vectors: the index must refill the codes from
    /// SQLite (<see cref="Restore"/>) before the shard is searched again.
    /// </summary>
    public bool NeedsRestore { get; private set; }

    /// <summary>Order-independent digest of every (label, fp32 vector): tells whether a saved graph holds these rows.</summary>
    public ulong Fingerprint { get; private set; }

    public int Capacity => _keys.Length;

    public Digest256 KeyAt(int row) => _keys[row];

    public int Append(Digest256 key, ReadOnlySpan<float> vector)
    {
        if (Count == _keys.Length)
        {
            Grow();
        }

        var row = Count++;
        if (!_rowOfLabel.TryAdd(key.Label, row))
        {
            LabelClash = true;
            DropGraph();
        }

        Store(row, key, vector);
        Graph?.Add(key.Label, vector);
        _changedWhileBuilding?.Add(key.Label);
        return row;
    }

    /// <summary>Replaces the row's vector in place (same key).</summary>
    public void Write(int row, Digest256 key, ReadOnlySpan<float> vector)
    {
        Fingerprint -= _rowHashes[row];
        Store(row, key, vector);
        Graph?.Remove(key.Label);
        Graph?.Add(key.Label, vector);
        _changedWhileBuilding?.Add(key.Label);
    }

    /// <summary>Moves the last row into <paramref name="row"/>; returns the key now living there, if any moved.</summary>
    public Digest256? RemoveAt(int row)
    {
        var label = _keys[row].Label;
        Fingerprint -= _rowHashes[row];
        if (_rowOfLabel.TryGetValue(label, out var labelled) && labelled == row)
        {
            _rowOfLabel.Remove(label);
        }

        Graph?.Remove(label);
        _changedWhileBuilding?.Add(label);

        var last = --Count;
        Digest256? moved = null;
        if (row != last)
        {
            _keys[row] = _keys[last];
            _rowHashes[row] = _rowHashes[last];
            if (_codes is not null)
            {
                _codes.AsSpan(last * Dimension, Dimension).CopyTo(_codes.AsSpan(row * Dimension, Dimension));
                _scales![row] = _scales[last];
            }

            moved = _keys[row];
            _rowOfLabel[moved.Value.Label] = row;

            // A builder copying rows by position may have passed this row's new place and not reached its old one.
            _changedWhileBuilding?.Add(moved.Value.Label);
        }

        return moved;
    }

    /// <summary>
    /// Rows likely nearest to a unit query, best first as far as the approximation knows: the graph's answer, or
    /// the best int8 scores of a scan, as many as <paramref name="rows"/> holds. Returns how many were written.
    /// </summary>
    public int Candidates(ReadOnlySpan<float> query, Span<int> rows, Span<float> scratchScores)
    {
        if (Graph is { } graph)
        {
            var found = 0;
            foreach (var label in graph.Search(query, rows.Length))
            {
                if (_rowOfLabel.TryGetValue(label, out var row))
                {
                    rows[found++] = row;
                }
            }

            return found;
        }

        if (_codes is null)
        {
            return 0; // only between a dropped graph and its restore, which the write lock hides from searches
        }

        Span<sbyte> queryCodes = stackalloc sbyte[Dimension];
        Int8Codes.Encode(query, queryCodes);
        var top = new TopK(scratchScores[..rows.Length], rows);
        var codes = _codes.AsSpan(0, Count * Dimension);
        var scales = _scales!;
        for (var row = 0; row < Count; row++)
        {
            // The query's own scale is common to every row and does not change the order.
            var score = Int8Codes.Dot(queryCodes, codes.Slice(row * Dimension, Dimension)) * scales[row];
            if (score > top.Threshold)
            {
                top.Offer(score, row);
            }
        }

        return top.SortDescending();
    }

    /// <summary>Starts recording changes for a graph built off the lock.</summary>
    public void BeginBuild() => _changedWhileBuilding = [];

    /// <summary>
    /// Copies the labels and int8 codes of up to <paramref name="labels"/>.Length rows from <paramref name="start"/>
    /// for the builder; returns how many.
    /// </summary>
    public int CopyRows(int start, Span<ulong> labels, Span<sbyte> codes)
    {
        if (_codes is null)
        {
            return 0;
        }

        var n = Math.Clamp(Count - start, 0, labels.Length);
        for (var i = 0; i < n; i++)
        {
            labels[i] = _keys[start + i].Label;
        }

        _codes.AsSpan(start * Dimension, n * Dimension).CopyTo(codes);
        return n;
    }

    /// <summary>
    /// Replays what changed during the build into <paramref name="graph"/>, searches through it from now on and
    /// frees the int8 codes (the graph has its own copy).
    /// </summary>
    public void Attach(ShardGraph graph)
    {
        foreach (var label in _changedWhileBuilding ?? [])
        {
            graph.Remove(label);
            if (_rowOfLabel.TryGetValue(label, out var row) && _codes is not null)
            {
                graph.Add(label, _codes.AsSpan(row * Dimension, Dimension));
            }
        }

        _changedWhileBuilding = null;
        if (LabelClash)
        {
            graph.Dispose();
            return;
        }

        Graph?.Dispose();
        Graph = graph;
        _codes = null;
        _scales = null;
    }

    /// <summary>
    /// Back to scans after a label clash. If the graph held the only copy of the vectors, the shard needs a
    /// <see cref="Restore"/> before it can be scanned.
    /// </summary>
    public void DropGraph()
    {
        if (Graph is null)
        {
            return;
        }

        DisposeGraph();
        if (_codes is null)
        {
            _codes = new sbyte[_keys.Length * Dimension];
            _scales = new float[_keys.Length];
            NeedsRestore = Count > 0;
        }
    }

    /// <summary>Frees the graph of a shard that is never searched again (emptied, or the index closing).</summary>
    public void DisposeGraph()
    {
        Graph?.Dispose();
        Graph = null;
    }

    /// <summary>Refills the codes of the rows the index finds in SQLite after a graph was dropped.</summary>
    public void Restore(IEnumerable<(int Row, ReadOnlyMemory<float> Vector)> rows)
    {
        foreach (var (row, vector) in rows)
        {
            _scales![row] = Int8Codes.Encode(vector.Span, _codes.AsSpan(row * Dimension, Dimension));
        }

        NeedsRestore = false;
    }

    public void AbortBuild() => _changedWhileBuilding = null;

    private void Store(int row, Digest256 key, ReadOnlySpan<float> vector)
    {
        _keys[row] = key;
        _rowHashes[row] = RowHash(key.Label, vector);
        Fingerprint += _rowHashes[row];
        if (_codes is not null)
        {
            _scales![row] = Int8Codes.Encode(vector, _codes.AsSpan(row * Dimension, Dimension));
        }
    }

    private static ulong RowHash(ulong label, ReadOnlySpan<float> vector)
    {
        var hash = (label ^ 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
        foreach (var word in MemoryMarshal.Cast<float, uint>(vector))
        {
            hash = (hash ^ word) * 0x100000001B3UL;
        }

        return hash ^ (hash >> 31);
    }

    /// <summary>Resizes the row arrays to <paramref name="capacity"/> (at least <see cref="Count"/>).</summary>
    public void Reserve(int capacity)
    {
        capacity = Math.Max(capacity, Count);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _rowHashes, capacity);
        if (_codes is not null)
        {
            Array.Resize(ref _codes, capacity * Dimension);
            Array.Resize(ref _scales, capacity);
        }
    }

    /// <summary>Drops spare capacity (after the load at open).</summary>
    public void TrimExcess()
    {
        if (Capacity > Count)
        {
            Reserve(Math.Max(Count, 4));
        }

        _rowOfLabel.TrimExcess();
    }

    private void Grow()
    {
        // Geometric growth keeps appends amortised O(1). Doubling past 64k rows would strand up to ~40 MB of spare
        // int8 capacity per shard, so large shards grow by an eighth.
        Reserve(_keys.Length < LargeShardRows ? _keys.Length * 2 : _keys.Length + (_keys.Length / 8));
    }
}
