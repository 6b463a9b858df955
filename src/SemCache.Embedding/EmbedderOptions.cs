namespace SemCache.Embedding;

/// <summary>The configuration section "Embedder": which embedder the cache uses. See docs/embedders.md.</summary>
public sealed record EmbedderOptions
{
    public const string Section = "Embedder";
    public const string MiniLm = "minilm";
    public const string MiniLmInt8 = "minilm-int8";
    public const string Onnx = "onnx";
    public const string OpenAi = "openai";

    /// <summary>
    /// minilm-int8 (default: the shipped model quantised to int8, cached under DATA/models), minilm (the shipped fp32
    /// model), onnx (a model folder) or openai (an OpenAI-compatible HTTP endpoint). int8 is the default because it
    /// decides the same as fp32 on the dev pairs (within 0.05 points) in half the time; see docs/embedders.md.
    /// </summary>
    public string Kind { get; init; } = MiniLmInt8;

    /// <summary>onnx: the folder with model.onnx and its tokenizer.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>onnx: mean or cls.</summary>
    public string Pooling { get; init; } = "mean";

    /// <summary>onnx: tokens per prompt, start and end tokens included.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>onnx and openai: the model maps translations together, so semantic matches may cross languages.</summary>
    public bool Multilingual { get; init; }

    /// <summary>onnx and openai: text put before every prompt, e.g. "query: " for the e5 family.</summary>
    public string? PromptPrefix { get; init; }

    /// <summary>onnx: overrides the id derived from the folder's files; changing it starts a new vector space.</summary>
    public string? ModelId { get; init; }

    /// <summary>openai: base URL or full /embeddings URL.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>openai: the model name sent with every request.</summary>
    public string? Model { get; init; }

    /// <summary>openai: the environment variable that holds the API key (the key itself never goes in configuration).</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>Recent prompt embeddings kept in memory; 0 turns the cache off.</summary>
    public int CacheSize { get; init; } = LruEmbeddingCache.DefaultCapacity;

    /// <summary>Problems, each naming the setting and the fix; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var kind = Kind?.Trim().ToLowerInvariant();
        if (kind is not (MiniLm or MiniLmInt8 or Onnx or OpenAi))
        {
            errors.Add($"Embedder:Kind '{Kind}' is unknown; use minilm, minilm-int8, onnx or openai.");
        }

        if (CacheSize < 0)
        {
            errors.Add($"Embedder:CacheSize must be 0 (off) or a positive number of prompts, not {CacheSize}.");
        }

        if (kind == Onnx)
        {
            ValidateOnnx(errors);
        }
        else if (kind == OpenAi)
        {
            ValidateOpenAi(errors);
        }

        return errors;
    }

    internal Pooling ParsedPooling => Pooling.Trim().ToLowerInvariant() == "cls" ? Embedding.Pooling.Cls : Embedding.Pooling.Mean;

    private void ValidateOnnx(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(ModelDirectory))
        {
            errors.Add("Embedder:ModelDirectory is required when Embedder:Kind is onnx; set it to the folder holding model.onnx.");
        }
        else if (!Directory.Exists(ModelDirectory))
        {
            errors.Add($"Embedder:ModelDirectory '{ModelDirectory}' does not exist; point it at the folder holding model.onnx.");
        }

        if (Pooling?.Trim().ToLowerInvariant() is not ("mean" or "cls"))
        {
            errors.Add($"Embedder:Pooling '{Pooling}' is unknown; use mean or cls (cls for bge-*-v1.5).");
        }

        if (MaxTokens is < 8 or > 8192)
        {
            errors.Add($"Embedder:MaxTokens must be between 8 and 8192 (the model's own limit, often 512), not {MaxTokens}.");
        }
    }

    private void ValidateOpenAi(List<string> errors)
    {
        if (Endpoint is null)
        {
            errors.Add("Embedder:Endpoint is required when Embedder:Kind is openai; set it to the server's base URL, e.g. http://127.0.0.1:11434/v1.");
        }
        else if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Embedder:Endpoint '{Endpoint}' must be an absolute http:// or https:// URL.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("Embedder:Model is required when Embedder:Kind is openai; set it to the model name the server knows.");
        }

        if (!string.IsNullOrWhiteSpace(ApiKeyEnvironmentVariable)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable)))
        {
            errors.Add($"Embedder:ApiKeyEnvironmentVariable names {ApiKeyEnvironmentVariable}, which is not set; export the key in it or clear the setting.");
        }
    }
}
