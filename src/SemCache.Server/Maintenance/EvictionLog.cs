using Microsoft.Extensions.Logging;

namespace SemCache.Server.Maintenance;

/// <summary>Log messages of the evictor (event ids 40-49, clear of the server's own).</summary>
internal static partial class EvictionLog
{
    [LoggerMessage(40, LogLevel.Information, "Eviction removed {Expired} expired and {Evicted} over-limit entries ({Blobs} images); {Entries} entries, {Bytes} bytes remain")]
    public static partial void Evicted(ILogger logger, int expired, int evicted, int blobs, long entries, long bytes);

    [LoggerMessage(41, LogLevel.Warning, "Eviction pass failed: {Error}")]
    public static partial void Failed(ILogger logger, string error, Exception exception);
}
