using Microsoft.Extensions.AI;

namespace SemCache.Embedding;

/// <summary>
/// Embeds many prompts at once (backfill, reindex, migrate, verify --repair). A local ONNX model runs each call on one
/// thread, and on CPU small calls are fastest (measured with real prompts on 2 cores: 4 prompts per call ~340/s,
/// 16 ~290/s, 64 ~240/s; see docs/backfill.md), so prompts are sorted by length (no padding wasted), cut into runs of
/// <see cref="LocalRun"/> and embedded one run per core. A remote embedder gets the whole list in one call: it pays
/// per request and batches on its side.
/// </summary>
public static class BulkEmbedding
{
    public const int LocalRun = 4;

    /// <summary>The vectors of <paramref name="prompts"/>, in the same order.</summary>
    public static async Task<ReadOnlyMemory<float>[]> EmbedAllAsync(
        this IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<string> prompts, CancellationToken cancellationToken = default)
    {
        var vectors = new ReadOnlyMemory<float>[prompts.Count];
        if (prompts.Count == 0)
        {
            return vectors;
        }

        if (embedder.GetService<OnnxSentenceEmbedder>() is null)
        {
            var all = await embedder.GenerateAsync(prompts, cancellationToken: cancellationToken);
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i] = all[i].Vector;
            }

            return vectors;
        }

        var runs = Enumerable.Range(0, prompts.Count).OrderBy(i => prompts[i].Length).Chunk(LocalRun).ToList();
        await Parallel.ForEachAsync(
            runs,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (run, ct) =>
            {
                var generated = await embedder.GenerateAsync(run.Select(i => prompts[i]).ToList(), cancellationToken: ct);
                for (var j = 0; j < run.Length; j++)
                {
                    vectors[run[j]] = generated[j].Vector;
                }
            });
        return vectors;
    }
}
