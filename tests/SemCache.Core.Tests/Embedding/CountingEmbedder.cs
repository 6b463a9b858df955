using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace SemCache.Tests.Embedding;

/// <summary>Passes calls to the shared MiniLM and records each call's inputs (deliberately not an IPromptCoverage).</summary>
public sealed class CountingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public ConcurrentQueue<string[]> Calls { get; } = new();

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        Calls.Enqueue(texts);
        return SharedEmbedder.Instance.GenerateAsync(texts, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => SharedEmbedder.Instance.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The shared model outlives every test.
    }
}
