using BenchmarkDotNet.Attributes;
using SemCache.Embedding;

namespace SemCache.Benchmarks;

/// <summary>The shipped MiniLM (ONNX, one intra-op thread, as the server uses it): one prompt, and a batch of 32.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class EmbeddingBenchmarks
{
    private const string Prompt = "a watercolour painting of a lighthouse at dusk, soft warm light, seagulls";

    private OnnxSentenceEmbedder _embedder = null!;
    private string[] _one = null!;
    private string[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _embedder = MiniLmEmbedder.Create();
        _one = [Prompt];
        _batch = Enumerable.Range(0, 32).Select(i => $"{Prompt}, variation {i} with {i % 5} boats").ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _embedder.Dispose();

    [Benchmark(Baseline = true)]
    public float[][] OnePrompt() => _embedder.Embed(_one);

    [Benchmark]
    public float[][] BatchOf32() => _embedder.Embed(_batch);
}
