using System.Net;

namespace SemCache.Origin;

/// <summary>The primary handler of the HTTP origins' clients.</summary>
internal static class OriginHttpHandler
{
    public static SocketsHttpHandler Create(HttpOriginOptions options) => new()
    {
        ConnectTimeout = options.ConnectTimeout,

        // Recycled connections pick up DNS changes even though the client lives as long as the process.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),

        // Images are already compressed; leaving bodies as sent keeps Content-Length checks meaningful.
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        UseCookies = false,
    };
}
