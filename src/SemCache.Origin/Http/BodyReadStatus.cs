namespace SemCache.Origin;

/// <summary>How reading a response body ended.</summary>
internal enum BodyReadStatus
{
    Complete,
    TooLarge,
    Truncated,

    /// <summary>No bytes arrived for the idle timeout (headers sent, then the body stopped).</summary>
    Stalled,
}
