using System.Runtime.InteropServices;
using SemCache.Core.Index;
using SemCache.Core.Numerics;

namespace SemCache.Index.Embedded;

/// <summary>
/// The rows of one (partition, embedder): vectors side by side in one float[] so a search is a linear SIMD scan,
/// with keys, blob digests and prompts in parallel arrays. A large shard also has an HNSW graph whose candidates are
/// re-scored here. Not thread-safe: the index guards it.
/// </summary>
internal sealed class VectorShard
{
    private const int LargeShardRows = 65_536;

    private readonly Dictionary<ulong, int> _rowOfLabel = [];
    private float[] _vectors;
    private Digest256[] _keys;
    private Digest256[] _blobs;
    private string[] _prompts;

    // Labels changed while a graph is being built off the lock: replayed into it before it is attached.
    private HashSet<ulong>? _changedWhileBuilding;

    public VectorShard(string partition, string embedderId, int dimension, int capacity)
    {
        Partition = partition;
        EmbedderId = embedderId;
        Dimension = dimension;
        capacity = Math.Max(capacity, 4);
        _vectors = new float[capacity * dimension];
        _keys = new Digest256[capacity];
        _blobs = new Digest256[capacity];
        _prompts = new string[capacity];
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

    /// <summary>Order-independent digest of every (label, vector): tells whether a saved graph holds these rows.</summary>
    public ulong Fingerprint { get; private set; }

    public Digest256 KeyAt(int row) => _keys[row];

    public ReadOnlySpan<float> VectorAt(int row) => _vectors.AsSpan(row * Dimension, Dimension);

    public int Append(Digest256 key, Digest256 blob, string prompt, ReadOnlySpan<float> vector)
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

        Store(row, key, blob, prompt, vector);
        Fingerprint += RowHash(key.Label, vector);
        Graph?.Add(key.Label, vector);
        _changedWhileBuilding?.Add(key.Label);
        return row;
    }

    /// <summary>Replaces the row's content in place (same key).</summary>
    public void Write(int row, Digest256 key, Digest256 blob, string prompt, ReadOnlySpan<float> vector)
    {
        Fingerprint -= RowHash(key.Label, VectorAt(row));
        Store(row, key, blob, prompt, vector);
        Fingerprint += RowHash(key.Label, vector);
        Graph?.Remove(key.Label);
        Graph?.Add(key.Label, vector);
        _changedWhileBuilding?.Add(key.Label);
    }

    /// <summary>Moves the last row into <paramref name="row"/>; returns the key now living there, if any moved.</summary>
    public Digest256? RemoveAt(int row)
    {
        var label = _keys[row].Label;
        Fingerprint -= RowHash(label, VectorAt(row));
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
            _vectors.AsSpan(last * Dimension, Dimension).CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
            _keys[row] = _keys[last];
            _blobs[row] = _blobs[last];
            _prompts[row] = _prompts[last];
            moved = _keys[row];
            _rowOfLabel[moved.Value.Label] = row;

            // A builder copying rows by position may have passed this row's new place and not reached its old one.
            _changedWhileBuilding?.Add(moved.Value.Label);
        }

        _prompts[last] = null!; // let the prompt string go
        return moved;
    }

    /// <summary>Scores a unit query: through the graph when there is one (candidates re-scored exactly), else every row.</summary>
    public void Search(ReadOnlySpan<float> query, ref TopK top, int graphCandidates)
    {
        if (Graph is { } graph)
        {
            foreach (var label in graph.Search(query, graphCandidates))
            {
                if (_rowOfLabel.TryGetValue(label, out var row))
                {
                    var score = VectorMath.Dot(query, VectorAt(row));
                    if (score > top.Threshold)
                    {
                        top.Offer(score, row);
                    }
                }
            }

            return;
        }

        var vectors = _vectors.AsSpan(0, Count * Dimension);
        for (var row = 0; row < Count; row++)
        {
            var score = VectorMath.Dot(query, vectors.Slice(row * Dimension, Dimension));
            if (score > top.Threshold)
            {
                top.Offer(score, row);
            }
        }
    }

    public IndexCandidate Candidate(int row, float similarity) =>
        new(_keys[row].ToString(), _prompts[row], _blobs[row].ToString(), similarity);

    /// <summary>Starts recording changes for a graph built off the lock.</summary>
    public void BeginBuild() => _changedWhileBuilding = [];

    /// <summary>
    /// Copies up to <paramref name="labels"/>.Length rows from <paramref name="start"/> for the builder; returns how many.
    /// </summary>
    public int CopyRows(int start, Span<ulong> labels, Span<float> vectors)
    {
        var n = Math.Clamp(Count - start, 0, labels.Length);
        for (var i = 0; i < n; i++)
        {
            labels[i] = _keys[start + i].Label;
        }

        _vectors.AsSpan(start * Dimension, n * Dimension).CopyTo(vectors);
        return n;
    }

    /// <summary>Replays what changed during the build into <paramref name="graph"/> and searches through it from now on.</summary>
    public void Attach(ShardGraph graph)
    {
        foreach (var label in _changedWhileBuilding ?? [])
        {
            graph.Remove(label);
            if (_rowOfLabel.TryGetValue(label, out var row))
            {
                graph.Add(label, VectorAt(row));
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
    }

    /// <summary>Back to exact scans (a label clash, a graph that failed, or the index closing).</summary>
    public void DropGraph()
    {
        Graph?.Dispose();
        Graph = null;
    }

    public void AbortBuild() => _changedWhileBuilding = null;

    private void Store(int row, Digest256 key, Digest256 blob, string prompt, ReadOnlySpan<float> vector)
    {
        _keys[row] = key;
        _blobs[row] = blob;
        _prompts[row] = prompt;
        vector.CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
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

    private void Grow()
    {
        // Geometric growth keeps appends amortised O(1). Doubling past 64k rows would strand up to ~100 MB of spare
        // capacity per shard, so large shards grow by an eighth. At open every shard is sized exactly.
        var capacity = _keys.Length < LargeShardRows ? _keys.Length * 2 : _keys.Length + (_keys.Length / 8);
        Array.Resize(ref _vectors, capacity * Dimension);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _blobs, capacity);
        Array.Resize(ref _prompts, capacity);
    }
}
