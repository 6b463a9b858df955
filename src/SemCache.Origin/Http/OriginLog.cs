using Microsoft.Extensions.Logging;
using SemCache.Core.Origin;

namespace SemCache.Origin;

/// <summary>
/// Log messages of the HTTP origins, with stable event ids (3100-3199). Only paths are logged, never queries, bodies
/// or headers: the query carries the client's credentials.
/// </summary>
internal static partial class OriginLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Origin {Method} {Path} answered {StatusCode} ({Bytes} bytes) in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string method, string path, int statusCode, int bytes, long elapsedMs);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Origin {Method} {Path} failed: {Failure} ({Detail}) after {ElapsedMs} ms")]
    public static partial void Failed(ILogger logger, string method, string path, OriginFailure failure, string? detail, long elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Origin {Path}: retry {Attempt} after {Reason}, waiting {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string path, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Origin circuit opened for {BreakMs} ms")]
    public static partial void CircuitOpened(ILogger logger, long breakMs);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Origin circuit closed")]
    public static partial void CircuitClosed(ILogger logger);
}
