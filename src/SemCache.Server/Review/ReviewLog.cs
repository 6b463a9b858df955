using Microsoft.Extensions.Logging;

namespace SemCache.Server.Review;

/// <summary>Log messages of recording and review (event ids 900-909).</summary>
internal static partial class ReviewLog
{
    [LoggerMessage(901, LogLevel.Warning, "Review counts could not be read ({Error})")]
    public static partial void CountsFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(902, LogLevel.Warning, "A recorded pair could not be written ({Error}); it is dropped")]
    public static partial void RecordFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(903, LogLevel.Warning, "The review queue is full; a recorded pair is dropped")]
    public static partial void QueueFull(ILogger logger);

    [LoggerMessage(904, LogLevel.Information, "Review retention removed {Count} recorded pairs")]
    public static partial void Trimmed(ILogger logger, int count);

    [LoggerMessage(905, LogLevel.Warning, "Review retention failed ({Error})")]
    public static partial void TrimFailed(ILogger logger, string error, Exception exception);
}
