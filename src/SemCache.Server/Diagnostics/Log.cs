using Microsoft.Extensions.Logging;

namespace SemCache.Server.Diagnostics;

/// <summary>Every log message of the server, with stable event ids. Never logs prompts' credentials or query strings.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Outcome} {Status} key={Key} partition={Partition} similarity={Similarity} reason={Reason} {ElapsedMs:F1} ms")]
    public static partial void Request(ILogger logger, string outcome, int status, string key, string partition, float? similarity, string? reason, double elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Embedder failed ({Error}); the semantic tier is degraded to a miss")]
    public static partial void EmbedderFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Vector index failed ({Error}); the semantic tier is degraded to a miss")]
    public static partial void IndexFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Image store failed ({Error})")]
    public static partial void StoreFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Entry {Key} points at a missing image; removed and treated as a miss")]
    public static partial void DanglingEntry(ILogger logger, string key);

    [LoggerMessage(6, LogLevel.Information, "Origin answer not cached: {Reason} (status {Status})")]
    public static partial void OriginRejected(ILogger logger, string reason, int status);

    [LoggerMessage(7, LogLevel.Error, "Origin threw {Error}")]
    public static partial void OriginThrew(ILogger logger, string error, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Reconciliation queued {Count} stored entries missing from the index")]
    public static partial void Reconciled(ILogger logger, int count);

    [LoggerMessage(9, LogLevel.Warning, "Reconciliation stopped: {Error}")]
    public static partial void ReconcileFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "Reading the index's partition counts for /metrics failed ({Error}); semcache_index_entries is empty until a read succeeds")]
    public static partial void GaugesFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "Reading the index's partition counts for /metrics works again")]
    public static partial void GaugesRecovered(ILogger logger);

    [LoggerMessage(12, LogLevel.Debug, "Image store still failing ({Error})")]
    public static partial void StoreStillFailing(ILogger logger, string error);
}
