using BenchmarkDotNet.Attributes;
using SemCache.Core.Index;
using SemCache.Index.Embedded;

namespace SemCache.Benchmarks;

/// <summary>
/// Top-5 search in one partition of the embedded index, with other partitions present. The baseline is the naive
/// alternative: a scalar loop over one float[] per row, so the ratio shows what contiguous SIMD buys.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SearchBenchmarks
{
    private const int Seed = 20261125;
    private const int QueryCount = 64;

    private string _directory = "";
    private EmbeddedVectorIndex _index = null!;
    private List<float[]> _rows = null!;
    private float[][] _queries = null!;
    private int _next;

    [Params(10_000, 100_000)]
    public int PartitionSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"semcache-bench-{Guid.NewGuid():N}");
        _index = EmbeddedVectorIndex.Open(_directory);
        _rows = new List<float[]>(PartitionSize);
        BenchVectors.FillAsync(_index, PartitionSize, BenchVectors.OtherPartitions, Seed, _rows).GetAwaiter().GetResult();
        var random = new Random(Seed + 1);
        _queries = Enumerable.Range(0, QueryCount).Select(_ => BenchVectors.RandomUnit(random)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _index.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public float ScalarJaggedScan()
    {
        var query = NextQuery();
        Span<float> best = stackalloc float[5];
        best.Fill(float.NegativeInfinity);
        for (var row = 0; row < _rows.Count; row++)
        {
            var vector = _rows[row];
            var score = 0f;
            for (var i = 0; i < vector.Length; i++)
            {
                score += vector[i] * query[i];
            }

            if (score > best[4])
            {
                var at = 4;
                while (at > 0 && best[at - 1] < score)
                {
                    best[at] = best[at - 1];
                    at--;
                }

                best[at] = score;
            }
        }

        return best[0];
    }

    [Benchmark]
    public Task<IReadOnlyList<IndexCandidate>> EmbeddedTop5() =>
        _index.SearchAsync(BenchVectors.Partition(0), BenchVectors.EmbedderId, NextQuery(), 5);

    private float[] NextQuery() => _queries[_next++ % QueryCount];
}
