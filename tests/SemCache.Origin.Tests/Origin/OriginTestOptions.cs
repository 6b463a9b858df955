using SemCache.Origin;

namespace SemCache.Tests.Origin;

/// <summary>
/// Generous total timeout (only the timeout tests shorten it, so a slow CI machine cannot fail the others), tiny retry
/// delays, a small body cap, and the breaker out of the way unless a test wants it.
/// </summary>
internal static class OriginTestOptions
{
    public static HttpOriginOptions For(FakeOriginServer server) => new()
    {
        BaseUrl = server.BaseUrl,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(10),
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxBodyBytes = 64 * 1024,
        BreakerMinimumThroughput = 1000,
    };
}
