using SemCache.Embedding;

namespace SemCache.Tests.Infrastructure;

/// <summary>The shipped MiniLM, loaded once per test process and shared by every server the tests start.</summary>
public static class SharedEmbedder
{
    private static readonly Lazy<OnnxSentenceEmbedder> Lazy = new(() => MiniLmEmbedder.Create());

    public static OnnxSentenceEmbedder Instance => Lazy.Value;
}
