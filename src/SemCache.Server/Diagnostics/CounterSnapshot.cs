namespace SemCache.Server.Diagnostics;

/// <summary>Totals since the process started.</summary>
public sealed record CounterSnapshot(
    long ExactHits,
    long SemanticHits,
    long Misses,
    long Bypassed,
    long FallbackHits,
    long OriginErrors,
    long Stored,
    long BytesStored,
    long StoreSkipped,
    long StoreFailed,
    long Indexed,
    long IndexSkipped,
    long IndexFailed,
    double OriginSecondsSaved)
{
    public long Requests => ExactHits + SemanticHits + Misses + Bypassed + FallbackHits + OriginErrors;

    public double HitRate => Requests == 0 ? 0 : (double)(ExactHits + SemanticHits) / Requests;
}
