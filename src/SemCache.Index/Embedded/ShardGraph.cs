using System.Globalization;
using System.Text.Json;
using Cloud.Unum.USearch;

namespace SemCache.Index.Embedded;

/// <summary>
/// The HNSW graph of one shard (USearch, cosine, int8), labelled by the first 64 bits of each row's key, and its file
/// beside the SQLite database. It is given the index's own int8 codes (<see cref="Int8Codes"/>, scaled per row so the
/// largest component is 127), the same codes a scan ranks by, so a graph built from a shard's codes holds exactly them.
/// USearch's own cast from floats scales by the vector's norm and leaves a unit MiniLM vector about ±25 levels; the
/// finer codes did not change recall@1 measurably (0.993 against 0.992 at 100k, 0.655 against 0.647 at 1M): the
/// misses at 1M are the graph's (docs/benchmarks.md). Cosine ignores the per-row scale, so the codes need no side data.
/// The file is only a cache: it is trusted at open only when its sidecar names the same
/// rows and vectors (count and fingerprint) and the same parameters; otherwise the graph is rebuilt from SQLite.
/// Not thread-safe for writes: the index guards it; searches may run together.
/// </summary>
internal sealed class ShardGraph : IDisposable
{
    [ThreadStatic]
    private static sbyte[]? _query;

    private readonly USearchIndex _index;
    private readonly sbyte[] _scratch;

    public ShardGraph(int dimension, ApproximateSearchOptions options)
        : this(new USearchIndex(MetricKind.Cos, ScalarKind.Int8, (ulong)dimension, (ulong)options.Connectivity, (ulong)options.ExpansionAdd, (ulong)options.ExpansionSearch, false), dimension, options.ExpansionSearch)
    {
    }

    private ShardGraph(USearchIndex index, int dimension, int expansionSearch)
    {
        _index = index;
        NativeTuning.SetExpansionSearch(index, expansionSearch);
        _scratch = new sbyte[dimension];
        Dimension = dimension;
    }

    public int Dimension { get; }

    public long Count => (long)_index.Size();

    /// <summary>Whether rows changed since the graph was loaded or saved.</summary>
    public bool Changed { get; private set; } = true;

    public bool Contains(ulong label) => _index.Contains(label);

    public void Add(ulong label, ReadOnlySpan<float> vector)
    {
        Int8Codes.Encode(vector, _scratch);
        _index.Add(label, _scratch);
        Changed = true;
    }

    public void Add(ulong label, ReadOnlySpan<sbyte> codes)
    {
        codes.CopyTo(_scratch);
        _index.Add(label, _scratch);
        Changed = true;
    }

    public void Remove(ulong label)
    {
        if (_index.Contains(label))
        {
            _index.Remove(label);
            Changed = true;
        }
    }

    /// <summary>
    /// Room for <paramref name="capacity"/> rows at once before a build: the binding's own Add grows the capacity one
    /// row at a time.
    /// </summary>
    public bool Reserve(long capacity) => NativeTuning.Reserve(_index, capacity);

    /// <summary>The labels of up to <paramref name="count"/> nearest rows, nearest first.</summary>
    public ulong[] Search(ReadOnlySpan<float> query, int count)
    {
        var buffer = _query is { } q && q.Length == query.Length ? q : _query = new sbyte[query.Length];
        Int8Codes.Encode(query, buffer);
        var found = _index.Search(buffer, count, out var labels, out _);
        return found == labels.Length ? labels : labels[..found];
    }

    /// <summary>Writes the graph and then its sidecar, each through a temp file and a rename.</summary>
    public void Save(string path, GraphStamp stamp)
    {
        var temp = path + ".tmp";
        _index.Save(temp);
        File.Move(temp, path, overwrite: true);
        var sidecar = stamp with { FileLength = new FileInfo(path).Length };
        File.WriteAllText(temp, JsonSerializer.Serialize(sidecar, GraphStampJson.Default.GraphStamp));
        File.Move(temp, path + ".json", overwrite: true);
        Changed = false;
    }

    /// <summary>The saved graph when it matches <paramref name="expected"/> exactly, else null (and the files are removed).</summary>
    public static ShardGraph? TryLoad(string path, GraphStamp expected, int expansionSearch)
    {
        try
        {
            if (!File.Exists(path) || !File.Exists(path + ".json"))
            {
                return null;
            }

            var stamp = JsonSerializer.Deserialize(File.ReadAllText(path + ".json"), GraphStampJson.Default.GraphStamp);
            if (stamp is null || stamp with { FileLength = 0 } != expected with { FileLength = 0 } || stamp.FileLength != new FileInfo(path).Length)
            {
                Delete(path);
                return null;
            }

            var index = new USearchIndex(path, false);
            if ((long)index.Size() != expected.Count || (int)index.Dimensions() != expected.Dimension)
            {
                index.Dispose();
                Delete(path);
                return null;
            }

            return new ShardGraph(index, expected.Dimension, expansionSearch) { Changed = false };
        }
        catch (Exception ex) when (ex is IOException or JsonException or USearchException or UnauthorizedAccessException)
        {
            Delete(path);
            return null;
        }
    }

    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + ".json");
    }

    public void Dispose() => _index.Dispose();
}

/// <summary>What a saved graph was built from: checked against the rows read from SQLite before it is used.</summary>
/// <remarks><see cref="Format"/> 2: the graph holds per-row scaled int8 codes (graphs of format 0, from USearch's own
/// cast, are rebuilt).</remarks>
internal sealed record GraphStamp(int Dimension, long Count, string Fingerprint, int Connectivity, int ExpansionAdd, long FileLength, int Format)
{
    public const int CurrentFormat = 2;

    public static GraphStamp For(VectorShard shard, ApproximateSearchOptions options) =>
        new(shard.Dimension, shard.Count, shard.Fingerprint.ToString("x16", CultureInfo.InvariantCulture), options.Connectivity, options.ExpansionAdd, 0, CurrentFormat);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(GraphStamp))]
internal sealed partial class GraphStampJson : System.Text.Json.Serialization.JsonSerializerContext;
