namespace SemCache.Embedding;

/// <summary>A sentence-embedding model an operator provides as a folder (for example a Hugging Face ONNX export).</summary>
public sealed record OnnxDirectoryOptions
{
    /// <summary>Holds model.onnx (or onnx/model.onnx) and vocab.txt, tokenizer.json or sentencepiece.bpe.model.</summary>
    public required string Directory { get; init; }

    /// <summary>Mean for MiniLM, e5 and bge-m3's dense mode as exported by sentence-transformers; Cls for bge-*-v1.5.</summary>
    public Pooling Pooling { get; init; } = Pooling.Mean;

    public bool Normalize { get; init; } = true;

    /// <summary>Tokens per prompt including the start and end tokens; longer prompts are cut.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Null: taken from tokenizer_config.json or tokenizer.json when present, else true (WordPiece only).</summary>
    public bool? LowerCase { get; init; }

    /// <summary>Set for models trained so that translations land together (bge-m3, multilingual-e5).</summary>
    public bool Multilingual { get; init; }

    /// <summary>Put before every prompt, e.g. "query: " for multilingual-e5 (which was trained with it).</summary>
    public string? PromptPrefix { get; init; }

    /// <summary>Null: <see cref="OnnxDirectoryEmbedder.DefaultModelId"/>, which changes whenever the files or settings do.</summary>
    public string? ModelId { get; init; }

    public int IntraOpThreads { get; init; } = 1;
}
