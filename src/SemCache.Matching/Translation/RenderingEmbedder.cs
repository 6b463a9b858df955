using Microsoft.Extensions.AI;
using SemCache.Core.Embedding;
using SemCache.Matching;

namespace SemCache.Matching.Translation;

/// <summary>
/// Embeds what the decider compares: the English rendering of a Spanish, French or German prompt when the embedder
/// reads English only (<see cref="SemanticDecider.EmbeddingText"/>). Every path that embeds — lookup, storing,
/// reindex, migrate, backfill — wraps its embedder in it, so a stored "gato naranja pequeño" is found by "small
/// orange cat" and the other way round. The entry keeps the prompt as written; its rendering is recomputed from it.
/// </summary>
public sealed class RenderingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner, IPromptCoverage coverage, SemanticDecider decider)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.GenerateAsync([.. values.Select(v => decider.EmbeddingText(v, coverage.IsMultilingual))], options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);

    /// <summary>The inner embedder belongs to the container; this wrapper owns nothing.</summary>
    public void Dispose()
    {
    }
}
