using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Writes new images (blob, then entry) and indexes their prompts in the background, so clients never wait for it.
/// Order matters for crash safety: a vector is written only after its image and entry, so the index never points at a
/// missing image. Both queues are bounded: under overload work is skipped and counted rather than delaying responses;
/// entries stored but not indexed are picked up by the reconciliation at the next start (or `semcache reindex`), and
/// after a failed index write by the reconciliation that runs once the index answers again.
/// </summary>
public sealed class PersistenceQueue : BackgroundService
{
    private readonly Channel<PendingImage> _store;
    private readonly Channel<IndexEntryJob> _index;
    private readonly IImageStore _imageStore;
    private readonly IVectorIndex _vectorIndex;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IPromptCoverage _coverage;
    private readonly PendingImages _pending;
    private readonly UnindexedEntries _unindexed;
    private readonly ComponentHealth _health;
    private readonly CacheCounters _counters;
    private readonly IndexingSettings _indexing;
    private readonly TimeProvider _time;
    private readonly ILogger<PersistenceQueue> _logger;

    public PersistenceQueue(
        IImageStore imageStore,
        IVectorIndex vectorIndex,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IPromptCoverage coverage,
        SemanticDecider decider,
        PendingImages pending,
        UnindexedEntries unindexed,
        ComponentHealth health,
        CacheCounters counters,
        IndexingSettings indexing,
        TimeProvider time,
        ILogger<PersistenceQueue> logger)
    {
        _imageStore = imageStore;
        _vectorIndex = vectorIndex;
        _embedder = new RenderingEmbedder(embedder, coverage, decider);
        _coverage = coverage;
        _pending = pending;
        _unindexed = unindexed;
        _health = health;
        _counters = counters;
        _indexing = indexing;
        _time = time;
        _logger = logger;
        _store = Channel.CreateBounded<PendingImage>(new BoundedChannelOptions(indexing.StoreQueueCapacity) { SingleReader = true });
        _index = Channel.CreateBounded<IndexEntryJob>(new BoundedChannelOptions(indexing.IndexQueueCapacity) { SingleReader = true });
    }

    public int StoreQueueLength => _store.Reader.Count;

    public int IndexQueueLength => _index.Reader.Count;

    /// <summary>Queues a new image; false (and counted) when the queue is full. The exact tier serves it meanwhile.</summary>
    public bool TryEnqueue(PendingImage image)
    {
        _pending.Add(image);
        if (_store.Writer.TryWrite(image))
        {
            return true;
        }

        _pending.Remove(image);
        _counters.StoreSkipped();
        return false;
    }

    /// <summary>Queues an already stored entry for indexing, waiting for room (used by reconciliation, not requests).</summary>
    public ValueTask EnqueueIndexAsync(IndexEntryJob job, CancellationToken cancellationToken) => _index.Writer.WriteAsync(job, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Task.Run(StoreLoopAsync, CancellationToken.None), Task.Run(IndexLoopAsync, CancellationToken.None));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain what was acknowledged before stopping: complete the writers and let the loops finish.
        _store.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task StoreLoopAsync()
    {
        await foreach (var image in _store.Reader.ReadAllAsync())
        {
            try
            {
                await _imageStore.PutBlobAsync(image.Bytes, image.ContentType);
                var now = _time.GetUtcNow();
                await _imageStore.PutEntryAsync(new CacheEntry
                {
                    Key = image.Key,
                    BlobSha256 = image.Sha256,
                    ContentType = image.ContentType,
                    Size = image.Bytes.Length,
                    Prompt = image.Prompt,
                    Partition = image.Partition,
                    Parameters = image.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                    Created = now,
                    OriginMilliseconds = image.OriginMilliseconds,
                    AliasOf = image.AliasOf,
                });
                _health.Succeeded(ComponentHealth.Store);
                _counters.Stored(image.Bytes.Length);
                if (image.Indexable && image.AliasOf is null)
                {
                    var job = new IndexEntryJob(image.Key, image.Prompt, image.Partition, image.Sha256, now, image.Vector);
                    if (!_index.Writer.TryWrite(job))
                    {
                        _counters.IndexSkipped();
                    }
                }
            }
            catch (Exception ex)
            {
                _health.Failed(ComponentHealth.Store, ex.GetType().Name);
                _counters.StoreFailed();
                Log.StoreFailed(_logger, ex.GetType().Name, ex);
            }
            finally
            {
                _pending.Remove(image);
            }
        }

        _index.Writer.TryComplete();
    }

    private async Task IndexLoopAsync()
    {
        var batch = new List<IndexEntryJob>(_indexing.BatchSize);
        while (await _index.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _indexing.BatchSize && _index.Reader.TryRead(out var job))
            {
                batch.Add(job);
            }

            try
            {
                var missing = batch.Where(j => j.Vector is null).ToList();
                var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
                if (missing.Count > 0)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var generated = await _embedder.GenerateAsync(missing.Select(j => j.Prompt).ToList());
                    _counters.Embedded(missing.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    for (var i = 0; i < missing.Count; i++)
                    {
                        vectors[missing[i].Key] = generated[i].Vector.ToArray();
                    }

                    _health.Succeeded(ComponentHealth.Embedder);
                }

                var entries = batch.Select(j => new IndexEntry
                {
                    Key = j.Key,
                    Partition = j.Partition,
                    EmbedderId = _coverage.EmbedderId,
                    Prompt = j.Prompt,
                    Vector = j.Vector ?? vectors[j.Key],
                    BlobSha256 = j.BlobSha256,
                    Created = j.Created,
                }).ToList();
                await _vectorIndex.UpsertManyAsync(entries);
                _health.Succeeded(ComponentHealth.Index);
                _counters.Indexed(entries.Count);
            }
            catch (Exception ex)
            {
                // Stored but not indexed: the reconciler queues these entries again once the index answers.
                _unindexed.Mark();
                _health.Failed(ComponentHealth.Index, ex.GetType().Name);
                _counters.IndexFailed(batch.Count);
                Log.IndexFailed(_logger, ex.GetType().Name, ex);
            }
        }
    }
}
