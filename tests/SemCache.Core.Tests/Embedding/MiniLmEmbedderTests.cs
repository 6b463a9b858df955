using SemCache.Core.Numerics;

namespace SemCache.Tests.Embedding;

public sealed class MiniLmEmbedderTests
{
    private static float Cos(string a, string b)
    {
        var v = SharedEmbedder.Instance.Embed([a, b]);
        return VectorMath.Dot(v[0], v[1]);
    }

    [Fact]
    public void Vectors_are_384_dimensional_and_unit_length()
    {
        var v = SharedEmbedder.Instance.Embed(["a red fox in the snow"])[0];
        Assert.Equal(384, v.Length);
        Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(v, v)), 3);
    }

    [Fact]
    public void Paraphrases_score_higher_than_unrelated_prompts()
    {
        var para = Cos("a cat sitting on a sofa", "a cat is sitting on the couch");
        var unrelated = Cos("a cat sitting on a sofa", "a steam locomotive crossing a bridge");
        Assert.True(para > 0.75f, $"paraphrase {para}");
        Assert.True(unrelated < 0.3f, $"unrelated {unrelated}");
    }

    [Fact]
    public void Batches_give_the_same_vectors_as_single_prompts()
    {
        var single = SharedEmbedder.Instance.Embed(["short"])[0];
        var batch = SharedEmbedder.Instance.Embed(["a much longer prompt that forces padding of the other row", "short"])[1];
        Assert.True(VectorMath.Dot(single, batch) > 0.9999f);
    }

    [Fact]
    public async Task Works_through_IEmbeddingGenerator()
    {
        Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> g = SharedEmbedder.Instance;
        var result = await g.GenerateAsync(["one", "two", "three"]);
        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.Equal(384, e.Vector.Length));
    }

    [Theory]
    [InlineData("一只在雪地里的红狐狸")]
    [InlineData("🦊🌨️🔥")]
    public void Unreadable_prompts_have_low_known_token_share(string prompt)
    {
        Assert.True(SharedEmbedder.Instance.KnownTokenShare(prompt) < 0.5, SharedEmbedder.Instance.KnownTokenShare(prompt).ToString());
    }

    [Fact]
    public void English_prompts_are_fully_known()
    {
        Assert.Equal(1.0, SharedEmbedder.Instance.KnownTokenShare("a red fox in the snow, oil painting"));
    }
}
