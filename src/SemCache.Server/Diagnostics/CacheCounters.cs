using System.Diagnostics.Metrics;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Diagnostics;

/// <summary>
/// Counters of what the cache did, as OpenTelemetry-compatible instruments on the <see cref="MeterName"/> meter and as
/// plain totals for the stats endpoint.
/// </summary>
public sealed class CacheCounters : IDisposable
{
    public const string MeterName = "SemCache";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _latency;
    private readonly Counter<double> _savedSeconds;
    private readonly Histogram<double> _embedding;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _search;
    private readonly Histogram<double> _origin;
    private readonly Counter<long> _evictions;
    private long _exact;
    private long _semantic;
    private long _miss;
    private long _bypass;
    private long _fallback;
    private long _originErrors;
    private long _stored;
    private long _bytesStored;
    private long _storeSkipped;
    private long _storeFailed;
    private long _indexed;
    private long _indexSkipped;
    private long _indexFailed;
    private double _savedMs;

    public CacheCounters(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("semcache.requests", description: "Image requests by tier and outcome");
        _latency = _meter.CreateHistogram<double>("semcache.request.duration", "ms", "Time to answer an image request, by outcome");
        _savedSeconds = _meter.CreateCounter<double>("semcache.origin.saved", "s", "Origin (GPU) time saved by hits: the original generation time of each served image");
        _embedding = _meter.CreateHistogram<double>("semcache.embedding.duration", "ms", "Time to embed one batch of prompts");
        _batchSize = _meter.CreateHistogram<int>("semcache.embedding.batch_size", description: "Prompts per embedding call");
        _search = _meter.CreateHistogram<double>("semcache.index.search.duration", "ms", "Time of one nearest-neighbour query");
        _origin = _meter.CreateHistogram<double>("semcache.origin.duration", "ms", "Time of one origin call, by result (ok, status code or failure)");
        _evictions = _meter.CreateCounter<long>("semcache.evictions", description: "Entries removed by eviction (TTL or size/entry limits)");
    }

    public void Request(CacheOutcome outcome, double elapsedMs, double savedOriginMs)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString());
        _requests.Add(1, tag);
        _latency.Record(elapsedMs, tag);
        switch (outcome)
        {
            case CacheOutcome.ExactHit: Interlocked.Increment(ref _exact); break;
            case CacheOutcome.SemanticHit: Interlocked.Increment(ref _semantic); break;
            case CacheOutcome.Miss: Interlocked.Increment(ref _miss); break;
            case CacheOutcome.Bypass: Interlocked.Increment(ref _bypass); break;
            case CacheOutcome.SemanticFallback: Interlocked.Increment(ref _fallback); break;
            default: Interlocked.Increment(ref _originErrors); break;
        }

        if (savedOriginMs > 0)
        {
            _savedSeconds.Add(savedOriginMs / 1000.0);
            double seen, next;
            do
            {
                seen = Volatile.Read(ref _savedMs);
                next = seen + savedOriginMs;
            }
            while (Interlocked.CompareExchange(ref _savedMs, next, seen) != seen);
        }
    }

    public void Embedded(int batchSize, double elapsedMs)
    {
        _embedding.Record(elapsedMs);
        _batchSize.Record(batchSize);
    }

    public void Searched(double elapsedMs) => _search.Record(elapsedMs);

    public void OriginCalled(string result, double elapsedMs) =>
        _origin.Record(elapsedMs, new KeyValuePair<string, object?>("result", result));

    public void Stored(long bytes)
    {
        Interlocked.Increment(ref _stored);
        Interlocked.Add(ref _bytesStored, bytes);
    }

    public void StoreSkipped() => Interlocked.Increment(ref _storeSkipped);

    public void StoreFailed() => Interlocked.Increment(ref _storeFailed);

    public void Indexed(int count) => Interlocked.Add(ref _indexed, count);

    public void IndexSkipped() => Interlocked.Increment(ref _indexSkipped);

    public void IndexFailed(int count) => Interlocked.Add(ref _indexFailed, count);

    public void Evicted(int count) => _evictions.Add(count);

    public CounterSnapshot Snapshot() => new(
        Interlocked.Read(ref _exact),
        Interlocked.Read(ref _semantic),
        Interlocked.Read(ref _miss),
        Interlocked.Read(ref _bypass),
        Interlocked.Read(ref _fallback),
        Interlocked.Read(ref _originErrors),
        Interlocked.Read(ref _stored),
        Interlocked.Read(ref _bytesStored),
        Interlocked.Read(ref _storeSkipped),
        Interlocked.Read(ref _storeFailed),
        Interlocked.Read(ref _indexed),
        Interlocked.Read(ref _indexSkipped),
        Interlocked.Read(ref _indexFailed),
        Volatile.Read(ref _savedMs) / 1000.0);

    public void Dispose() => _meter.Dispose();
}
