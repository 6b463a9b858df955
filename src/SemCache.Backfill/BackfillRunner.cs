using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Requests;
using SemCache.Core.Storage;
using SemCache.Embedding;
using SemCache.Matching;
using SemCache.Matching.Translation;

namespace SemCache.Backfill;

/// <summary>
/// Streams a source's listing in batches: recovers each object's request, stores image and entry (unless already
/// there), embeds the batch's prompts in one call, upserts the vectors, then records the batch's last position as the
/// checkpoint. Order per object: blob, entry, vector, as on the serving path, so the index never points at nothing.
/// A kill at any moment loses at most the batches after the checkpoint, which the next run redoes (every step is
/// idempotent). One batch is embedded while the next one is read and stored.
/// </summary>
public sealed class BackfillRunner(
    IImageStore store,
    IVectorIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IPromptCoverage coverage,
    SemanticDecider decider,
    RequestParser parser)
{
    public const string Unreadable = "unreadable-by-embedder";

    public async Task<BackfillSummary> RunAsync(
        IBackfillSource source, BackfillOptions options, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        var clock = Stopwatch.StartNew();
        var tally = new BackfillTally();
        var recovery = new RequestRecovery(parser, options.Format, options.SourceIsStore);
        var checkpoint = options.CheckpointPath is null || options.DryRun ? null : new BackfillCheckpoint(options.CheckpointPath);
        using var limiter = CreateLimiter(options.RatePerSecond);
        var batch = new List<BackfillItem>(options.BatchSize);
        var indexing = Task.CompletedTask;
        long listed = 0;
        var completed = true;
        try
        {
            await foreach (var item in source.ListAsync(checkpoint?.Read(), cancellationToken))
            {
                if (listed == options.Limit)
                {
                    completed = false;
                    break;
                }

                listed++;
                batch.Add(item);
                if (batch.Count == options.BatchSize)
                {
                    indexing = await NextBatchAsync(batch, indexing, source, recovery, options, limiter, tally, checkpoint, cancellationToken);
                    batch = new List<BackfillItem>(options.BatchSize);
                    progress?.Report(tally.Progress(clock.Elapsed));
                }
            }

            if (batch.Count > 0)
            {
                indexing = await NextBatchAsync(batch, indexing, source, recovery, options, limiter, tally, checkpoint, cancellationToken);
            }

            await indexing;
        }
        catch
        {
            // Never leave the last batch's indexing running behind the caller's back.
            await indexing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        if (completed)
        {
            // Done: the next run lists everything again and finds it present (failures get another try).
            checkpoint?.Delete();
        }

        progress?.Report(tally.Progress(clock.Elapsed));
        return tally.Summary(options.DryRun, completed, clock.Elapsed);
    }

    /// <summary>
    /// Reads and stores a batch while the previous one is embedded (the two use different resources: I/O and CPU),
    /// then hands this batch to the embedder. A batch's checkpoint is written once its vectors are in.
    /// </summary>
    private async Task<Task> NextBatchAsync(
        List<BackfillItem> batch, Task previous, IBackfillSource source, RequestRecovery recovery, BackfillOptions options,
        RateLimiter? limiter, BackfillTally tally, BackfillCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        var pending = await StoreBatchAsync(batch, source, recovery, options, limiter, tally, cancellationToken);
        await previous;
        var position = batch[^1].Position;
        return IndexAsync(pending, position, options, tally, checkpoint, cancellationToken);
    }

    private async Task<List<IndexEntry>> StoreBatchAsync(
        List<BackfillItem> batch, IBackfillSource source, RequestRecovery recovery, BackfillOptions options,
        RateLimiter? limiter, BackfillTally tally, CancellationToken cancellationToken)
    {
        var toIndex = new IndexEntry?[batch.Count];
        var writer = new BackfillWriter(store, index, coverage, decider);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (limiter is not null)
                {
                    using var lease = await limiter.AcquireAsync(1, ct);
                }

                tally.Processed();
                try
                {
                    toIndex[i] = await writer.WriteAsync(batch[i], source, recovery, options, tally, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    tally.Failed(ex.GetType().Name);
                }
            });
        return toIndex.OfType<IndexEntry>().ToList();
    }

    private async Task IndexAsync(
        List<IndexEntry> pending, string position, BackfillOptions options, BackfillTally tally, BackfillCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (pending.Count > 0 && options.DryRun)
        {
            tally.Indexed(pending.Count);
        }
        else if (pending.Count > 0)
        {
            try
            {
                await index.UpsertManyAsync(await EmbedAsync(pending, cancellationToken), cancellationToken);
                tally.Indexed(pending.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Entries are stored; the next run (or `semcache reindex`) indexes them.
                tally.Failed("index:" + ex.GetType().Name, pending.Count);
            }
        }

        checkpoint?.Write(position);
    }

    private async Task<List<IndexEntry>> EmbedAsync(List<IndexEntry> pending, CancellationToken cancellationToken)
    {
        var vectors = await new RenderingEmbedder(embedder, coverage, decider).EmbedAllAsync(pending.Select(e => e.Prompt).ToList(), cancellationToken);
        return pending.Select((e, i) => e with { Vector = vectors[i] }).ToList();
    }

    private static TokenBucketRateLimiter? CreateLimiter(double? perSecond)
    {
        if (perSecond is not > 0)
        {
            return null;
        }

        // Refilled ten times a second, so a low rate still flows evenly instead of in one burst per second.
        var perTick = Math.Max(1, (int)Math.Round(perSecond.Value / 10));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTick,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perTick / perSecond.Value),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
