using System.Diagnostics.Metrics;
using SemCache.Server.Diagnostics;

namespace SemCache.Server.Review;

/// <summary>
/// Shadow-mode counters (lookups with a decision, would-have-hits) and gauges of the labelled false-hit rate with its
/// 95% Wilson interval, on the SemCache meter (so /metrics shows them beside the request counters).
/// </summary>
public sealed class ReviewMetrics
{
    private readonly Counter<long> _shadowLookups;
    private readonly Counter<long> _shadowWouldHits;
    private long _lookups;
    private long _wouldHits;

    public ReviewMetrics(ReviewSummary summary, IMeterFactory? meterFactory = null)
    {
        // The factory hands out one Meter per name and disposes it with the container.
        var meter = meterFactory?.Create(CacheCounters.MeterName) ?? new Meter(CacheCounters.MeterName);
        _shadowLookups = meter.CreateCounter<long>("semcache.shadow.lookups", description: "Shadow mode: exact-tier misses the semantic tier judged");
        _shadowWouldHits = meter.CreateCounter<long>("semcache.shadow.would_hits", description: "Shadow mode: requests that would have been served a stored image");
        meter.CreateObservableGauge("semcache.review.labelled_hits", () => summary.Current.LabelledHits, description: "Reviewed hits (served or would-have-been), all partitions");
        meter.CreateObservableGauge("semcache.review.false_hits", () => summary.Current.FalseHits, description: "Reviewed hits labelled not acceptable");
        meter.CreateObservableGauge("semcache.review.false_hit_rate", () => summary.Current.Rate.Rate, description: "Labelled false-hit rate (0 with no labels)");
        meter.CreateObservableGauge("semcache.review.false_hit_rate.low", () => summary.Current.Rate.Low, description: "Lower end of the false-hit rate's 95% Wilson interval");
        meter.CreateObservableGauge("semcache.review.false_hit_rate.high", () => summary.Current.Rate.High, description: "Upper end of the false-hit rate's 95% Wilson interval");
    }

    public long ShadowLookups => Interlocked.Read(ref _lookups);

    public long ShadowWouldHits => Interlocked.Read(ref _wouldHits);

    /// <summary>Share of shadow lookups that would have been hits; null before the first.</summary>
    public double? WouldHitRate => ShadowLookups == 0 ? null : (double)ShadowWouldHits / ShadowLookups;

    public void ShadowDecided(bool wouldHit)
    {
        Interlocked.Increment(ref _lookups);
        _shadowLookups.Add(1);
        if (wouldHit)
        {
            Interlocked.Increment(ref _wouldHits);
            _shadowWouldHits.Add(1);
        }
    }
}
