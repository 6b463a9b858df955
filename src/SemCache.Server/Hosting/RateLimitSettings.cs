namespace SemCache.Server.Hosting;

/// <summary>Per-client rate limit of the image routes (token bucket by client address). 0 turns it off.</summary>
public sealed record RateLimitSettings
{
    /// <summary>Sustained requests per minute per client (default 600).</summary>
    public int PermitsPerMinute { get; init; } = 600;

    /// <summary>Requests a client may send at once above the sustained rate (default 60).</summary>
    public int Burst { get; init; } = 60;
}
