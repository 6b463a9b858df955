using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Core.Storage;
using SemCache.Server.Diagnostics;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Counts hits per entry in memory and writes LastHit/HitCount to the store every few seconds, so a busy entry costs
/// one metadata write per interval instead of one per hit. Counts of the last interval are flushed at shutdown.
/// </summary>
public sealed class HitRecorder(IImageStore store, TimeProvider time, ILogger<HitRecorder> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes the counts gathered so far (also used by tests).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var counts = Interlocked.Exchange(ref _counts, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        var now = time.GetUtcNow();
        foreach (var (key, n) in counts)
        {
            try
            {
                // Read-modify-write without a lock across nodes: a rare lost increment is acceptable for a statistic.
                var entry = await store.GetEntryAsync(key, cancellationToken);
                if (entry is not null)
                {
                    await store.PutEntryAsync(entry with { LastHit = now, HitCount = entry.HitCount + n }, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StoreFailed(logger, ex.GetType().Name, ex);
            }
        }
    }
}
