namespace SemCache.Embedding;

/// <summary>Builds the configured embedder, wrapped in the prompt-embedding LRU when Embedder:CacheSize &gt; 0.</summary>
public static class EmbedderFactory
{
    /// <exception cref="ArgumentException">The options fail <see cref="EmbedderOptions.Validate"/>; the message lists why.</exception>
    public static IPromptEmbedder Create(EmbedderOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid embedder settings: " + string.Join(" ", errors), nameof(options));
        }

        IPromptEmbedder embedder = options.Kind.Trim().ToLowerInvariant() switch
        {
            EmbedderOptions.Onnx => OnnxDirectoryEmbedder.Create(new OnnxDirectoryOptions
            {
                Directory = options.ModelDirectory!,
                Pooling = options.ParsedPooling,
                MaxTokens = options.MaxTokens,
                Multilingual = options.Multilingual,
                PromptPrefix = options.PromptPrefix,
                ModelId = options.ModelId,
            }),
            EmbedderOptions.OpenAi => new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions
            {
                Endpoint = options.Endpoint!,
                Model = options.Model!,
                ApiKeyEnvironmentVariable = options.ApiKeyEnvironmentVariable,
                Multilingual = options.Multilingual,
                PromptPrefix = options.PromptPrefix,
            }),
            _ => MiniLmEmbedder.Create(),
        };

        return options.CacheSize > 0 ? new LruEmbeddingCache(embedder, options.CacheSize) : embedder;
    }
}
