using System.Diagnostics.Metrics;
using SemCache.Index;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Diagnostics;

/// <summary>Observable gauges read at scrape time: queue lengths, images in flight and entries per partition.</summary>
public sealed class CacheGauges : IDisposable
{
    private readonly Meter _meter;

    public CacheGauges(PersistenceQueue queue, PendingImages pending, IVectorIndex index, IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(CacheCounters.MeterName + ".Gauges") ?? new Meter(CacheCounters.MeterName + ".Gauges");
        _meter.CreateObservableGauge("semcache.queue.store.length", () => queue.StoreQueueLength, description: "Images waiting to be written");
        _meter.CreateObservableGauge("semcache.queue.index.length", () => queue.IndexQueueLength, description: "Stored entries waiting for their embedding");
        _meter.CreateObservableGauge("semcache.pending.images", () => pending.Count, description: "Images answered but not yet written");
        _meter.CreateObservableGauge("semcache.index.entries", () => ReadPartitions(index), description: "Vectors per partition");
    }

    private static IEnumerable<Measurement<long>> ReadPartitions(IVectorIndex index)
    {
        IReadOnlyDictionary<string, long> counts;
        try
        {
            // Scrapes are rare and off the request path; a failing index reports nothing rather than failing the scrape.
            counts = index.CountByPartitionAsync().GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            return [];
        }

        return counts.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("partition", kv.Key[..Math.Min(12, kv.Key.Length)])));
    }

    public void Dispose() => _meter.Dispose();
}
