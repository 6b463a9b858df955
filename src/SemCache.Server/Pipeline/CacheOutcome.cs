namespace SemCache.Server.Pipeline;

/// <summary>How a request was answered; mapped to the X-Cache headers and to metrics.</summary>
public enum CacheOutcome
{
    ExactHit,
    SemanticHit,
    Miss,

    /// <summary>A private request: straight to the origin, never stored or served from the cache.</summary>
    Bypass,

    /// <summary>The origin failed or answered with something that is not an image.</summary>
    OriginError,

    /// <summary>The origin was unavailable and degraded mode served a close cached image (below the main threshold).</summary>
    SemanticFallback,
}
