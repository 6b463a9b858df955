using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

/// <summary>The shipped model, loaded once per test process (it is 91 MB).</summary>
public static class SharedEmbedder
{
    private static readonly Lazy<OnnxSentenceEmbedder> Lazy = new(() => MiniLmEmbedder.Create());

    public static OnnxSentenceEmbedder Instance => Lazy.Value;
}
