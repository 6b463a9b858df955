using System.Net;

namespace SemCache.Origin;

/// <summary>The primary handler of the HTTP origins' clients, and their request messages.</summary>
internal static class OriginHttpHandler
{
    private const string UserAgent = "semcache/1.0";

    /// <summary>A request that names semcache: some CDNs in front of generators refuse requests without a User-Agent.</summary>
    public static HttpRequestMessage NewRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }

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
