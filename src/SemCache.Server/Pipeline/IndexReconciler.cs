using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Index;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;
using SemCache.Storage;

namespace SemCache.Server.Pipeline;

/// <summary>
/// At start-up, queues stored entries that have no vector yet (a crash between store and index, or a full index
/// queue), so nothing acknowledged stays unsearchable after a restart.
/// </summary>
public sealed class IndexReconciler(
    IImageStore store,
    IVectorIndex index,
    SemanticTier semantic,
    PersistenceQueue persistence,
    SemCacheSettings settings,
    ILogger<IndexReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Indexing.ReconcileOnStart)
        {
            return;
        }

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
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.ReconcileFailed(logger, ex.GetType().Name, ex);
        }
    }
}
