using System.Diagnostics.Metrics;
using SemCache.Server.Diagnostics;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Dashboard;

/// <summary>
/// The last ten minutes of requests in five-second intervals, for the dashboard's hit-rate and latency charts. It
/// listens to this server's own request-duration histogram (the one /metrics exports), so no endpoint has to feed it.
/// </summary>
public sealed class RequestHistory : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    public const int Intervals = 120;

    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;
    private readonly object? _scope;
    private readonly Lock _lock = new();
    private readonly Bucket[] _buckets = new Bucket[Intervals];

    public RequestHistory(TimeProvider time, IMeterFactory? meterFactory = null)
    {
        _time = time;
        _scope = meterFactory;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Tests run several servers in one process: only this server's meter (created by its own factory) counts.
            if (instrument.Meter.Name == CacheCounters.MeterName && ReferenceEquals(instrument.Meter.Scope, _scope)
                && instrument.Name == "semcache.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, ms, tags, _) => Record(ms, tags));
        _listener.Start();
    }

    /// <summary>Oldest first, one point per interval up to now (empty intervals included, so charts keep time).</summary>
    public IReadOnlyList<HistoryPoint> Snapshot()
    {
        var now = Tick(_time.GetUtcNow());
        var points = new List<HistoryPoint>(Intervals);
        lock (_lock)
        {
            for (var tick = now - Intervals + 1; tick <= now; tick++)
            {
                var b = _buckets[(int)(tick % Intervals)];
                var at = tick * (long)Interval.TotalMilliseconds;
                points.Add(b.Tick == tick
                    ? new HistoryPoint(at, b.Requests, b.Exact, b.Semantic, b.Misses, b.Errors, Mean(b.HitMs, b.Exact + b.Semantic), Mean(b.MissMs, b.Misses))
                    : new HistoryPoint(at, 0, 0, 0, 0, 0, null, null));
            }
        }

        return points;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(double ms, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var outcome = string.Empty;
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                outcome = tag.Value as string ?? string.Empty;
            }
        }

        var tick = Tick(_time.GetUtcNow());
        lock (_lock)
        {
            ref var b = ref _buckets[(int)(tick % Intervals)];
            if (b.Tick != tick)
            {
                b = new Bucket { Tick = tick };
            }

            b.Requests++;
            switch (outcome)
            {
                case nameof(CacheOutcome.ExactHit): b.Exact++; b.HitMs += ms; break;
                case nameof(CacheOutcome.SemanticHit): b.Semantic++; b.HitMs += ms; break;
                case nameof(CacheOutcome.Miss): b.Misses++; b.MissMs += ms; break;
                case nameof(CacheOutcome.OriginError): b.Errors++; break;
                default: break; // bypassed requests count only in the total
            }
        }
    }

    private static long Tick(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / (long)Interval.TotalMilliseconds;

    private static double? Mean(double sum, long count) => count == 0 ? null : sum / count;

    private struct Bucket
    {
        public long Tick;
        public long Requests;
        public long Exact;
        public long Semantic;
        public long Misses;
        public long Errors;
        public double HitMs;
        public double MissMs;
    }
}
