using SemCache.Core.Numerics;
using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

public sealed class EmbedderFactoryTests(MiniLmFiles files) : IClassFixture<MiniLmFiles>
{
    [Fact]
    public void The_defaults_are_valid_and_give_the_cached_int8_MiniLM()
    {
        Assert.Empty(new EmbedderOptions().Validate());
        using var embedder = EmbedderFactory.Create(new EmbedderOptions());
        var cache = Assert.IsType<LruEmbeddingCache>(embedder);
        Assert.Equal(LruEmbeddingCache.DefaultCapacity, cache.Capacity);
        Assert.Equal(MiniLmEmbedder.Int8ModelId, embedder.EmbedderId);
    }

    [Fact]
    public void Kind_minilm_gives_the_fp32_model()
    {
        using var embedder = EmbedderFactory.Create(new EmbedderOptions { Kind = "minilm", CacheSize = 0 });
        Assert.Equal(MiniLmEmbedder.ModelId, embedder.EmbedderId);
    }

    [Fact]
    public void Cache_size_zero_gives_the_bare_embedder()
    {
        using var embedder = EmbedderFactory.Create(new EmbedderOptions { CacheSize = 0 });
        Assert.IsType<OnnxSentenceEmbedder>(embedder);
    }

    [Fact]
    public async Task An_onnx_folder_with_cls_pooling_is_built_from_the_options()
    {
        var options = new EmbedderOptions { Kind = "onnx", ModelDirectory = files.Directory, Pooling = "cls", Multilingual = true };
        using var embedder = EmbedderFactory.Create(options);

        Assert.True(embedder.IsMultilingual);
        Assert.Equal(
            OnnxDirectoryEmbedder.DefaultModelId(new OnnxDirectoryOptions { Directory = files.Directory, Pooling = Pooling.Cls }),
            embedder.EmbedderId);
        var vector = (await embedder.GenerateAsync(["a red fox"]))[0].Vector.ToArray();
        Assert.True(VectorMath.Dot(vector, SharedEmbedder.Instance.Embed(["a red fox"])[0]) < 0.99f);
    }

    [Fact]
    public async Task An_openai_endpoint_is_built_and_cached()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        using var embedder = EmbedderFactory.Create(new EmbedderOptions { Kind = "openai", Endpoint = server.BaseAddress, Model = "bge-m3", Multilingual = true });

        await embedder.GenerateAsync(["un zorro rojo"]);
        await embedder.GenerateAsync(["un zorro rojo"]);

        Assert.Single(server.Requests);
        Assert.Equal("openai:bge-m3@127.0.0.1", embedder.EmbedderId);
        Assert.True(embedder.IsMultilingual);
    }

    [Theory]
    [InlineData("bert", null, null, null, "Embedder:Kind")]
    [InlineData("onnx", null, null, null, "Embedder:ModelDirectory is required when Embedder:Kind is onnx")]
    [InlineData("onnx", "/nonexistent/semcache-model", null, null, "Embedder:ModelDirectory '/nonexistent/semcache-model' does not exist")]
    [InlineData("openai", null, null, "m", "Embedder:Endpoint is required when Embedder:Kind is openai")]
    [InlineData("openai", null, "http://127.0.0.1:1/", null, "Embedder:Model is required when Embedder:Kind is openai")]
    [InlineData("openai", null, "ftp://127.0.0.1/", "m", "Embedder:Endpoint")]
    public void Invalid_settings_are_named_with_their_fix(string kind, string? directory, string? endpoint, string? model, string expected)
    {
        var options = new EmbedderOptions { Kind = kind, ModelDirectory = directory, Endpoint = endpoint is null ? null : new Uri(endpoint), Model = model };
        Assert.Contains(options.Validate(), e => e.StartsWith(expected, StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => EmbedderFactory.Create(options));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Bad_numbers_and_pooling_are_reported_together()
    {
        var errors = new EmbedderOptions { Kind = "onnx", ModelDirectory = files.Directory, Pooling = "max", MaxTokens = 2, CacheSize = -1 }.Validate();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Embedder:Pooling", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Embedder:MaxTokens", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Embedder:CacheSize", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unset_api_key_variable_is_reported()
    {
        var errors = new EmbedderOptions
        {
            Kind = "openai",
            Endpoint = new Uri("http://127.0.0.1:1/"),
            Model = "m",
            ApiKeyEnvironmentVariable = "SEMCACHE_UNSET_KEY_VARIABLE",
        }.Validate();
        Assert.Contains("SEMCACHE_UNSET_KEY_VARIABLE", Assert.Single(errors));
    }
}
