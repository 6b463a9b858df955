namespace SemCache.Embedding;

/// <summary>Builds the configured embedder, wrapped in the prompt-embedding LRU when Embedder:CacheSize &gt; 0.</summary>
public static class EmbedderFactory
{
    /// <param name="options">Which embedder.</param>
    /// <param name="dataDirectory">
    /// The cache's data directory: minilm-int8 keeps its quantised graph in its <c>models</c> folder. Without one the
    /// graph is quantised in memory at every start (about a second).
    /// </param>
    /// <exception cref="ArgumentException">The options fail <see cref="EmbedderOptions.Validate"/>; the message lists why.</exception>
    public static IPromptEmbedder Create(EmbedderOptions options, string? dataDirectory = null)
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
            EmbedderOptions.MiniLm => MiniLmEmbedder.Create(),
            _ => MiniLmEmbedder.CreateInt8(ModelDirectory(dataDirectory)),
        };

        return options.CacheSize > 0 ? new LruEmbeddingCache(embedder, options.CacheSize) : embedder;
    }

    /// <summary>Where derived model files (the int8 graph) live inside a data directory.</summary>
    public static string? ModelDirectory(string? dataDirectory) =>
        string.IsNullOrWhiteSpace(dataDirectory) ? null : Path.Combine(dataDirectory, "models");
}
