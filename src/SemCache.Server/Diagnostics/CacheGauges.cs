using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Core.Index;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Diagnostics;

/// <summary>
/// Observable gauges read at scrape time: queue lengths, images in flight and entries per partition. Meter callbacks
/// are synchronous, so the partition counts are read asynchronously in the background: each scrape reports the counts
/// of the last finished read (once the host has started, then at each scrape) and starts the next one. A failed read
/// is logged and reports no partitions until a read succeeds again.
/// </summary>
public sealed class CacheGauges : IHostedService, IDisposable
{
    private static readonly IReadOnlyDictionary<string, long> None = new Dictionary<string, long>();

    private readonly Meter _meter;
    private readonly IVectorIndex _index;
    private readonly ILogger<CacheGauges> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyDictionary<string, long> _partitions = None;
    private int _reading;
    private int _failing;

    public CacheGauges(PersistenceQueue queue, PendingImages pending, IVectorIndex index, ILogger<CacheGauges> logger, IMeterFactory? meterFactory = null)
    {
        _index = index;
        _logger = logger;
        _meter = meterFactory?.Create(CacheCounters.MeterName + ".Gauges") ?? new Meter(CacheCounters.MeterName + ".Gauges");
        _meter.CreateObservableGauge("semcache.queue.store.length", () => queue.StoreQueueLength, description: "Images waiting to be written");
        _meter.CreateObservableGauge("semcache.queue.index.length", () => queue.IndexQueueLength, description: "Stored entries waiting for their embedding");
        _meter.CreateObservableGauge("semcache.pending.images", () => pending.Count, description: "Images answered but not yet written");
        _meter.CreateObservableGauge("semcache.index.entries", ReadPartitions, description: "Vectors per partition (as of the previous scrape)");
    }

    /// <summary>The first read, once the backends are open (so the first scrape has counts).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartRead();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<long>> ReadPartitions()
    {
        var counts = Volatile.Read(ref _partitions);
        StartRead();
        return counts.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("partition", kv.Key[..Math.Min(12, kv.Key.Length)])));
    }

    /// <summary>Starts one background read unless one is running (scrapes never pile up reads on a slow index).</summary>
    private void StartRead()
    {
        if (Interlocked.CompareExchange(ref _reading, 1, 0) == 0)
        {
            _ = Task.Run(ReadAsync);
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            Volatile.Write(ref _partitions, await _index.CountByPartitionAsync(_stopping.Token));
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                Log.GaugesRecovered(_logger);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _partitions, None);

            // Once per failing stretch, not at every scrape.
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                Log.GaugesFailed(_logger, ex.GetType().Name, ex);
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    // The token source has no timer, so it is only cancelled, never disposed: StopAsync may come after Dispose.
    public void Dispose()
    {
        _stopping.Cancel();
        _meter.Dispose();
    }
}
