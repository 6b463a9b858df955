namespace SemCache.Backfill;

/// <summary>Counts so far, reported after each batch.</summary>
public sealed record BackfillProgress(long Processed, long Indexed, long AlreadyPresent, long Skipped, long Failed, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Processed / Elapsed.TotalSeconds : 0;
}
