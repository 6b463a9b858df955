using SemCache.Origin;

namespace SemCache.Server.Hosting;

/// <summary>Timeouts, retries and the circuit breaker of an HTTP origin (section "OriginHttp"). See docs/origins.md.</summary>
public sealed record OriginSettings
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan BodyIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; init; } = 2;

    public long MaxBodyBytes { get; init; } = 20L * 1024 * 1024;

    public double BreakerFailureRatio { get; init; } = 0.5;

    public int BreakerMinimumThroughput { get; init; } = 10;

    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    public HttpOriginOptions ToOptions(Uri baseUrl) => new()
    {
        BaseUrl = baseUrl,
        ConnectTimeout = ConnectTimeout,
        TotalTimeout = TotalTimeout,
        BodyIdleTimeout = BodyIdleTimeout,
        MaxRetries = MaxRetries,
        MaxBodyBytes = MaxBodyBytes,
        BreakerFailureRatio = BreakerFailureRatio,
        BreakerMinimumThroughput = BreakerMinimumThroughput,
        BreakerBreakDuration = BreakerBreakDuration,
    };
}
