using Microsoft.Extensions.Configuration;
using Onnx;
using SemCache.Core.Numerics;
using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

public sealed class MiniLmInt8Tests : IDisposable
{
    private static readonly Lazy<byte[]> Fp32Model = new(MiniLmEmbedder.ReadModel);
    private static readonly Lazy<byte[]> Int8Model = new(() => Int8Quantizer.Quantize(Fp32Model.Value));
    private static readonly Lazy<OnnxSentenceEmbedder> Int8 = new(() => MiniLmEmbedder.CreateInt8(modelDirectory: null));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"semcache-int8-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Int8_vectors_agree_with_fp32_on_real_prompts()
    {
        // Every 50th workload prompt: 200 real prompts from 3 to 80+ words.
        var prompts = File.ReadLines(Path.Combine(RepoRoot(), "datasets", "workload", "prompts.txt"))
            .Where((p, i) => i % 50 == 0 && p.Trim().Length > 0).ToList();
        var cosines = new List<float>();
        foreach (var run in prompts.Chunk(16))
        {
            var fp32 = SharedEmbedder.Instance.Embed(run);
            var int8 = Int8.Value.Embed(run);
            cosines.AddRange(fp32.Zip(int8, (a, b) => VectorMath.Dot(a, b)));
        }

        Assert.True(prompts.Count >= 190, $"{prompts.Count} prompts");
        Assert.True(cosines.Average() >= 0.98f, $"mean cosine {cosines.Average()}");
        Assert.True(cosines.Min() >= 0.95f, $"min cosine {cosines.Min()}");

        // Really quantised: the vectors are close, not equal.
        Assert.True(cosines.Average() < 0.9999f, $"mean cosine {cosines.Average()}");
    }

    [Fact]
    public void A_prompt_gets_the_same_int8_vector_alone_and_in_a_batch()
    {
        // Dynamic quantisation scales over the whole input: without one prompt per call, batch-mates would move it.
        var alone = Int8.Value.Embed(["a red fox in the snow"])[0];
        var batched = Int8.Value.Embed(["a much longer prompt about a lighthouse at dusk with seagulls and boats", "a red fox in the snow", "x"])[1];
        Assert.Equal(alone, batched);
    }

    [Fact]
    public void Every_constant_MatMul_becomes_an_int8_DynamicQuantizeMatMul_and_the_graph_shrinks()
    {
        var fp32 = ModelProto.Parser.ParseFrom(Fp32Model.Value).Graph;
        var int8 = ModelProto.Parser.ParseFrom(Int8Model.Value).Graph;

        Assert.Equal(36, int8.Node.Count(n => n.OpType == "DynamicQuantizeMatMul" && n.Domain == "com.microsoft"));
        Assert.Equal(fp32.Node.Count(n => n.OpType == "MatMul") - 36, int8.Node.Count(n => n.OpType == "MatMul"));
        Assert.Equal(36, int8.Initializer.Count(t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Dims.Count == 2));
        Assert.True(Int8Model.Value.Length < Fp32Model.Value.Length * 0.7, $"{Int8Model.Value.Length} bytes");
    }

    [Fact]
    public void Quantising_is_deterministic()
    {
        Assert.Equal(Int8Model.Value, Int8Quantizer.Quantize(Fp32Model.Value));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Int8Quantizer.Quantize("not an onnx model"u8.ToArray()));
    }

    [Fact]
    public void The_cached_file_is_made_once_and_then_reused()
    {
        var first = QuantizedModelFile.Load(_directory, "minilm", Fp32Model.Value);
        var written = File.GetLastWriteTimeUtc(first.Path);
        var second = QuantizedModelFile.Load(_directory, "minilm", Fp32Model.Value);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.Path));
        Assert.Equal(Int8Model.Value, second.Bytes);
        Assert.Matches(@"minilm-int8-[0-9a-f]{12}-v1\.onnx$", first.Path);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Theory]
    [InlineData("flipped byte")]
    [InlineData("truncated")]
    [InlineData("digest missing")]
    public void A_corrupt_cached_file_is_replaced(string damage)
    {
        var path = QuantizedModelFile.Load(_directory, "minilm", Fp32Model.Value).Path;
        switch (damage)
        {
            case "flipped byte":
                var bytes = File.ReadAllBytes(path);
                bytes[bytes.Length / 2] ^= 0x40;
                File.WriteAllBytes(path, bytes);
                break;
            case "truncated":
                using (var stream = new FileStream(path, FileMode.Open))
                {
                    stream.SetLength(stream.Length / 3);
                }

                break;
            default:
                File.Delete(path + ".sha256");
                break;
        }

        var reloaded = QuantizedModelFile.Load(_directory, "minilm", Fp32Model.Value);

        Assert.True(reloaded.Created);
        Assert.Equal(Int8Model.Value, reloaded.Bytes);
        Assert.Equal(Int8Model.Value, File.ReadAllBytes(path));
        Assert.False(QuantizedModelFile.Load(_directory, "minilm", Fp32Model.Value).Created);
    }

    [Fact]
    public void The_int8_embedder_has_its_own_id_so_its_vectors_are_never_compared_with_fp32_ones()
    {
        Assert.Equal(MiniLmEmbedder.Int8ModelId, Int8.Value.EmbedderId);
        Assert.NotEqual(SharedEmbedder.Instance.EmbedderId, Int8.Value.EmbedderId);
        Assert.Equal(384, Int8.Value.Embed(["a red fox in the snow"])[0].Length);
    }

    [Fact]
    public async Task Configuration_selects_the_int8_embedder_and_caches_its_graph_under_the_data_directory()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Embedder:Kind"] = "minilm-int8" })
            .Build();
        var options = configuration.GetSection(EmbedderOptions.Section).Get<EmbedderOptions>()!;

        Assert.Empty(options.Validate());
        using var embedder = EmbedderFactory.Create(options, _directory);

        Assert.Equal(MiniLmEmbedder.Int8ModelId, embedder.EmbedderId);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, "models"), "minilm-int8-*-v1.onnx"));
        var vector = (await embedder.GenerateAsync(["a red fox in the snow"]))[0].Vector.ToArray();
        Assert.True(VectorMath.Dot(vector, Int8.Value.Embed(["a red fox in the snow"])[0]) > 0.9999f);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
