namespace SemCache.Server.Dashboard;

/// <summary>Requests answered during one interval of the dashboard's charts, and their mean latency by kind.</summary>
public sealed record HistoryPoint(long At, long Requests, long ExactHits, long SemanticHits, long Misses, long Errors, double? HitMs, double? MissMs)
{
    public double? HitRate => Requests == 0 ? null : (double)(ExactHits + SemanticHits) / Requests;
}
