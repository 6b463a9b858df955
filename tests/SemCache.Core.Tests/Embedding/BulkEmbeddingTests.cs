using Microsoft.Extensions.AI;
using SemCache.Core.Numerics;
using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

public sealed class BulkEmbeddingTests
{
    private static readonly string[] Prompts =
    [
        "a lighthouse on a cliff above a stormy sea at dusk, oil painting, dramatic light, highly detailed",
        "a red fox",
        "a bowl of ramen with a soft boiled egg",
        "cat",
        "an astronaut riding a horse on the moon, photorealistic",
        "a koi pond in autumn",
        "a steampunk owl made of brass gears and copper wire, studio photograph",
        "a tiny orange car",
        "snow",
        "a cozy library with a fireplace and leather armchairs at night",
        "a neon city street in the rain",
    ];

    [Fact]
    public async Task Local_model_embeds_in_small_runs_and_returns_vectors_in_input_order()
    {
        var counting = new CountingEmbedder();
        var vectors = await counting.EmbedAllAsync(Prompts);

        Assert.Equal(Prompts.Length, vectors.Length);
        for (var i = 0; i < Prompts.Length; i++)
        {
            var alone = SharedEmbedder.Instance.Embed([Prompts[i]])[0];
            Assert.True(VectorMath.Dot(alone, vectors[i].Span) > 0.9999f, $"vector {i} belongs to another prompt");
        }

        Assert.All(counting.Calls, call => Assert.InRange(call.Length, 1, BulkEmbedding.LocalRun));
        Assert.Equal(Prompts.Order(StringComparer.Ordinal), counting.Calls.SelectMany(c => c).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Remote_embedder_gets_the_whole_list_in_one_call()
    {
        var remote = new RemoteLike();
        var vectors = await remote.EmbedAllAsync(Prompts);

        var call = Assert.Single(remote.Inner.Calls);
        Assert.Equal(Prompts, call);
        Assert.True(VectorMath.Dot(SharedEmbedder.Instance.Embed([Prompts[3]])[0], vectors[3].Span) > 0.9999f);
    }

    [Fact]
    public async Task Nothing_to_embed_makes_no_call()
    {
        var counting = new CountingEmbedder();
        Assert.Empty(await counting.EmbedAllAsync([]));
        Assert.Empty(counting.Calls);
    }

    /// <summary>An embedder that is not a local ONNX model, as an HTTP one is.</summary>
    private sealed class RemoteLike : IEmbeddingGenerator<string, Embedding<float>>
    {
        public CountingEmbedder Inner { get; } = new();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Inner.GenerateAsync(values, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
