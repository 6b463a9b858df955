using SemCache.Embedding;

namespace SemCache.Index.Embedded;

/// <summary>
/// The rows of one (partition, embedder): vectors side by side in one float[] so a search is a linear SIMD scan,
/// with keys, blob digests and prompts in parallel arrays. Not thread-safe: the index guards it.
/// </summary>
internal sealed class VectorShard
{
    private const int LargeShardRows = 65_536;

    private float[] _vectors;
    private Digest256[] _keys;
    private Digest256[] _blobs;
    private string[] _prompts;

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

    public Digest256 KeyAt(int row) => _keys[row];

    public int Append(Digest256 key, Digest256 blob, string prompt, ReadOnlySpan<float> vector)
    {
        if (Count == _keys.Length)
        {
            Grow();
        }

        var row = Count++;
        Write(row, key, blob, prompt, vector);
        return row;
    }

    public void Write(int row, Digest256 key, Digest256 blob, string prompt, ReadOnlySpan<float> vector)
    {
        _keys[row] = key;
        _blobs[row] = blob;
        _prompts[row] = prompt;
        vector.CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
    }

    /// <summary>Moves the last row into <paramref name="row"/>; returns the key now living there, if any moved.</summary>
    public Digest256? RemoveAt(int row)
    {
        var last = --Count;
        Digest256? moved = null;
        if (row != last)
        {
            _vectors.AsSpan(last * Dimension, Dimension).CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
            _keys[row] = _keys[last];
            _blobs[row] = _blobs[last];
            _prompts[row] = _prompts[last];
            moved = _keys[row];
        }

        _prompts[last] = null!; // let the prompt string go
        return moved;
    }

    /// <summary>Scores every row against a unit query; allocation-free.</summary>
    public void Search(ReadOnlySpan<float> query, ref TopK top)
    {
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
