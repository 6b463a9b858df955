namespace SemCache.Embedding;

/// <summary>An OpenAI-compatible /v1/embeddings endpoint (OpenAI, Ollama, vLLM, text-embeddings-inference, Workers AI).</summary>
public sealed record OpenAiEmbeddingOptions
{
    /// <summary>
    /// A base URL (POST goes to {base}/v1/embeddings, or {base}/embeddings when it already ends in /v1) or the full URL
    /// ending in /embeddings.
    /// </summary>
    public required Uri Endpoint { get; init; }

    public required string Model { get; init; }

    /// <summary>Name of the environment variable holding the API key (sent as a Bearer token); null sends none.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>Inputs per request; larger calls are split.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>Per attempt, connecting included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra attempts after a 408, 429, 5xx, timeout or connection failure; other statuses fail at once.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>First back-off (exponential with jitter); a Retry-After header takes precedence.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public bool Multilingual { get; init; }

    /// <summary>Put before every input, e.g. "query: " (e5) or "search_query: " (nomic-embed-text); part of the id.</summary>
    public string? PromptPrefix { get; init; }

    /// <summary>Asks for shortened vectors (models that support it, e.g. text-embedding-3-*); null leaves the model's own.</summary>
    public int? Dimensions { get; init; }

    /// <summary>L2-normalise what the server returns (not every server does).</summary>
    public bool Normalize { get; init; } = true;
}
