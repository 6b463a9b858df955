using System.Collections.Concurrent;

namespace SemCache.Backfill;

/// <summary>Thread-safe counters of a run.</summary>
internal sealed class BackfillTally
{
    private readonly ConcurrentDictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _failed = new(StringComparer.Ordinal);
    private long _processed;
    private long _indexed;
    private long _present;

    public void Processed() => Interlocked.Increment(ref _processed);

    public void Indexed(int count) => Interlocked.Add(ref _indexed, count);

    public void Present() => Interlocked.Increment(ref _present);

    public void Skipped(string reason) => _skipped.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void Failed(string reason, int count = 1) => _failed.AddOrUpdate(reason, count, (_, n) => n + count);

    public BackfillProgress Progress(TimeSpan elapsed) =>
        new(Interlocked.Read(ref _processed), Interlocked.Read(ref _indexed), Interlocked.Read(ref _present), _skipped.Values.Sum(), _failed.Values.Sum(), elapsed);

    public BackfillSummary Summary(bool dryRun, bool completed, TimeSpan elapsed) => new()
    {
        Processed = Interlocked.Read(ref _processed),
        Indexed = Interlocked.Read(ref _indexed),
        AlreadyPresent = Interlocked.Read(ref _present),
        Skipped = new SortedDictionary<string, long>(_skipped, StringComparer.Ordinal),
        Failed = new SortedDictionary<string, long>(_failed, StringComparer.Ordinal),
        DryRun = dryRun,
        Completed = completed,
        Seconds = elapsed.TotalSeconds,
    };
}
