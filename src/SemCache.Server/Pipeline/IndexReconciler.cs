using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Queues stored entries that have no vector yet: at start-up (a crash between store and index, or a full index
/// queue), and again after a failed index write once the index answers (PostgreSQL was down), so nothing
/// acknowledged stays unsearchable until a restart.
/// </summary>
public sealed class IndexReconciler(
    IImageStore store,
    IVectorIndex index,
    SemanticTier semantic,
    PersistenceQueue persistence,
    UnindexedEntries unindexed,
    IndexingSettings indexing,
    TimeProvider time,
    ILogger<IndexReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (indexing.ReconcileOnStart && !await ReconcileAsync(stoppingToken))
        {
            unindexed.Mark();
        }

        using var timer = new PeriodicTimer(indexing.RetryInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A pass that fails (the index still does not answer) tries again at the next tick.
                if (unindexed.TryTake() && !await ReconcileAsync(stoppingToken))
                {
                    unindexed.Mark();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over the store; false when it could not finish (index or store unreachable).</summary>
    private async Task<bool> ReconcileAsync(CancellationToken stoppingToken)
    {
        var queued = 0;
        try
        {
            await foreach (var entry in store.ListEntriesAsync(stoppingToken))
            {
                if (entry.AliasOf is not null || await index.ContainsAsync(entry.Key, stoppingToken))
                {
                    continue;
                }

                if (!semantic.Profile(entry.Prompt).SemanticEligible)
                {
                    continue;
                }

                await persistence.EnqueueIndexAsync(new IndexEntryJob(entry.Key, entry.Prompt, entry.Partition, entry.BlobSha256, entry.Created, null), stoppingToken);
                queued++;
            }

            Log.Reconciled(logger, queued);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception ex)
        {
            Log.ReconcileFailed(logger, ex.GetType().Name, ex);
            return false;
        }
    }
}
