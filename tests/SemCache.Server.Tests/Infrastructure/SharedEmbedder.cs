using SemCache.Embedding;

namespace SemCache.Tests.Infrastructure;

/// <summary>
/// The default embedder (the shipped MiniLM, int8, quantised in memory), loaded once per test process and shared by
/// every server the tests start, so the server tests run on what a default deployment runs.
/// </summary>
public static class SharedEmbedder
{
    private static readonly Lazy<OnnxSentenceEmbedder> Lazy = new(() => (OnnxSentenceEmbedder)EmbedderFactory.Create(new EmbedderOptions { CacheSize = 0 }));

    public static OnnxSentenceEmbedder Instance => Lazy.Value;
}
