using Microsoft.Extensions.AI;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Embedding;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Maintenance;

/// <summary>Embeds stored entries (<see cref="BulkEmbedding"/>) and writes their vectors (reindex, migrate and backfill share it).</summary>
public sealed class EntryIndexer(IEmbeddingGenerator<string, Embedding<float>> embedder, IPromptCoverage coverage, IVectorIndex index, SemanticDecider decider)
{
    public string EmbedderId => coverage.EmbedderId;

    public async Task<int> IndexAsync(IReadOnlyList<CacheEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var vectors = await new RenderingEmbedder(embedder, coverage, decider).EmbedAllAsync(entries.Select(e => e.Prompt).ToList(), cancellationToken);
        await index.UpsertManyAsync(entries.Select((e, i) => new IndexEntry
        {
            Key = e.Key,
            Partition = e.Partition,
            EmbedderId = coverage.EmbedderId,
            Prompt = e.Prompt,
            Vector = vectors[i],
            BlobSha256 = e.BlobSha256,
            Created = e.Created,
        }).ToList(), cancellationToken);
        return entries.Count;
    }
}
