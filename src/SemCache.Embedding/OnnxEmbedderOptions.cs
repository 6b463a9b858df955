namespace SemCache.Embedding;

/// <summary>How a sentence-embedding ONNX model turns token states into one vector.</summary>
public enum Pooling
{
    Mean,
    Cls,
}

/// <summary>Settings of an ONNX sentence-embedding model (the shipped MiniLM or one from a directory).</summary>
public sealed record OnnxEmbedderOptions
{
    /// <summary>Stored with every vector: changing the model changes the id, so vectors are never mixed.</summary>
    public required string ModelId { get; init; }

    public Pooling Pooling { get; init; } = Pooling.Mean;

    public bool Normalize { get; init; } = true;

    /// <summary>Tokens per prompt, [CLS] and [SEP] included; longer prompts are cut (MiniLM was trained on 256).</summary>
    public int MaxTokens { get; init; } = 256;

    public bool LowerCase { get; init; } = true;

    public bool Multilingual { get; init; }

    /// <summary>Put before every prompt the model embeds, e.g. "query: " for the e5 family; coverage ignores it.</summary>
    public string? PromptPrefix { get; init; }

    /// <summary>
    /// Run every prompt of a batch in its own call. Dynamically quantised graphs (int8) scale activations over the whole
    /// input tensor, so a prompt's vector would otherwise depend on its batch-mates (cosine ~0.998 between the same
    /// prompt alone and in a batch); one prompt per call keeps a prompt's vector the same wherever it is embedded.
    /// </summary>
    public bool OnePromptPerCall { get; init; }

    /// <summary>Threads per inference; 1 gives the best throughput on small machines with concurrent requests.</summary>
    public int IntraOpThreads { get; init; } = 1;
}
