using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

/// <summary>The shipped model, loaded once per test process (it is 91 MB).</summary>
public static class SharedEmbedder
{
    private static readonly Lazy<OnnxSentenceEmbedder> Lazy = new(() => MiniLmEmbedder.Create());
    private static readonly Lazy<OnnxSentenceEmbedder> Int8Lazy = new(() => MiniLmEmbedder.CreateInt8(modelDirectory: null));

    public static OnnxSentenceEmbedder Instance => Lazy.Value;

    /// <summary>The server's default embedder: the shipped model quantised to int8 (in memory).</summary>
    public static OnnxSentenceEmbedder Int8 => Int8Lazy.Value;
}
