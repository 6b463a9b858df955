namespace SemCache.Origin;

/// <summary>How reading a response body ended.</summary>
internal enum BodyReadStatus
{
    Complete,
    TooLarge,
    Truncated,
}
