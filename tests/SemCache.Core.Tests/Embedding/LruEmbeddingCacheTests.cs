using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

public sealed class LruEmbeddingCacheTests
{
    private readonly CountingEmbedder _inner = new();

    private static float[] Direct(string text) => SharedEmbedder.Instance.Embed([text])[0];

    private static async Task<float[]> One(LruEmbeddingCache cache, string text) => (await cache.GenerateAsync([text]))[0].Vector.ToArray();

    [Fact]
    public async Task A_repeated_prompt_is_embedded_once()
    {
        using var cache = new LruEmbeddingCache(_inner);
        var first = await One(cache, "a red fox in the snow");
        var second = await One(cache, "a red fox in the snow");

        Assert.Single(_inner.Calls);
        Assert.Equal(first, second);
        OnnxDirectoryEmbedderTests.AssertSameVectors([Direct("a red fox in the snow")], [second]);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(1, cache.Misses);
    }

    [Fact]
    public async Task A_batch_embeds_only_its_misses_in_one_call_and_keeps_order()
    {
        using var cache = new LruEmbeddingCache(_inner);
        await cache.GenerateAsync(["a cat", "a dog"]);
        _inner.Calls.Clear();

        string[] batch = ["a cat", "a horse", "a dog", "a cow", "a horse"];
        var result = await cache.GenerateAsync(batch);

        var call = Assert.Single(_inner.Calls);
        Assert.Equal(["a horse", "a cow"], call);
        Assert.Equal(batch.Length, result.Count);
        for (var i = 0; i < batch.Length; i++)
        {
            OnnxDirectoryEmbedderTests.AssertSameVectors([Direct(batch[i])], [result[i].Vector.ToArray()]);
        }
    }

    [Fact]
    public async Task The_least_recently_used_prompt_is_evicted()
    {
        using var cache = new LruEmbeddingCache(_inner, capacity: 2);
        await One(cache, "a");
        await One(cache, "b");
        await One(cache, "a");
        await One(cache, "c");
        Assert.Equal(2, cache.Count);
        _inner.Calls.Clear();

        await One(cache, "a");
        await One(cache, "c");
        Assert.Empty(_inner.Calls);
        await One(cache, "b");
        Assert.Equal(["b"], Assert.Single(_inner.Calls));
    }

    [Fact]
    public async Task Concurrent_callers_get_the_right_vectors_and_the_size_stays_bounded()
    {
        var prompts = Enumerable.Range(0, 40).Select(i => $"a painting of {i} red balloons").ToArray();
        var expected = SharedEmbedder.Instance.Embed(prompts);
        using var cache = new LruEmbeddingCache(_inner, capacity: 16);

        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var n = 0; n < 150; n++)
            {
                var i = random.Next(prompts.Length);
                var got = (await cache.GenerateAsync([prompts[i], prompts[(i + 1) % prompts.Length]])).Select(e => e.Vector.ToArray()).ToArray();
                OnnxDirectoryEmbedderTests.AssertSameVectors([expected[i], expected[(i + 1) % prompts.Length]], got);
            }
        }));
        await Task.WhenAll(workers);

        Assert.InRange(cache.Count, 1, 16);
        Assert.Equal(8 * 150 * 2, cache.Hits + cache.Misses);
        Assert.Equal(cache.Misses, _inner.Calls.Sum(c => c.Length));
    }

    [Fact]
    public void Coverage_is_forwarded_from_an_inner_embedder_that_has_it()
    {
        using var cache = new LruEmbeddingCache(MiniLmEmbedder.Create());
        Assert.Equal(MiniLmEmbedder.ModelId, cache.EmbedderId);
        Assert.True(cache.KnownTokenShare("一只在雪地里的红狐狸") < 0.5);
        Assert.False(cache.IsMultilingual);
    }

    [Fact]
    public void Without_inner_coverage_the_model_id_comes_from_its_metadata()
    {
        using var cache = new LruEmbeddingCache(_inner);
        Assert.Equal(MiniLmEmbedder.ModelId, cache.EmbedderId);
        Assert.Equal(1.0, cache.KnownTokenShare("一只红狐狸"));
        Assert.Equal(0.0, cache.KnownTokenShare("🦊🔥"));
    }
}
