using BenchmarkDotNet.Attributes;
using SemCache.Embedding;

namespace SemCache.Benchmarks;

/// <summary>
/// fp32 against int8 MiniLM, one prompt per call on one intra-op thread (as the server embeds a lookup), on a short
/// and a long prompt from datasets/workload/prompts.txt. The int8 graph is quantised in memory in the setup.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class Int8EmbeddingBenchmarks
{
    private const string Short = "art sketch of a alien ship, cyberpunk,";

    private const string Long = "a detailed sculpture of god crushing satan with his hand, demonic, demon, viking, by greg rutkowski "
        + "and justin gerard, digital art, monstrous, art nouveau, baroque style, realistic painting, very detailed, fantasy, dnd, "
        + "character design, top down lighting, trending on artstation";

    private OnnxSentenceEmbedder _embedder = null!;
    private string[] _prompt = null!;

    [Params("fp32", "int8")]
    public string Precision { get; set; } = "fp32";

    [Params("short", "long")]
    public string Prompt { get; set; } = "short";

    [GlobalSetup]
    public void Setup()
    {
        _embedder = Precision == "int8" ? MiniLmEmbedder.CreateInt8(modelDirectory: null) : MiniLmEmbedder.Create();
        _prompt = [Prompt == "long" ? Long : Short];
    }

    [GlobalCleanup]
    public void Cleanup() => _embedder.Dispose();

    [Benchmark]
    public float[][] OnePrompt() => _embedder.Embed(_prompt);
}
