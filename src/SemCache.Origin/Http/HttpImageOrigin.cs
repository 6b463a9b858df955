using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SemCache.Core.Origin;
using SemCache.Core.Requests;

namespace SemCache.Origin;

/// <summary>
/// A Pollinations-compatible origin: <c>GET {BaseUrl}/prompt/{prompt}?{client parameters}</c>. The client's own
/// parameters, credentials included, are forwarded; only the path is ever logged. Non-2xx answers are returned
/// as they came (for pass-through, never storage); transport failures become <see cref="OriginFailure"/> values.
/// </summary>
public sealed class HttpImageOrigin : IImageOrigin, IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly string _baseUrl;
    private readonly OriginHttpCaller _caller;

    /// <summary>
    /// Uses <paramref name="client"/> as given (not disposed here). Its own <see cref="HttpClient.Timeout"/> should be
    /// infinite: <see cref="HttpOriginOptions.TotalTimeout"/> governs. Prefer <see cref="Create"/> or
    /// <see cref="OriginServiceCollectionExtensions.AddHttpImageOrigin"/>.
    /// </summary>
    public HttpImageOrigin(HttpClient client, HttpOriginOptions options, ILogger<HttpImageOrigin>? logger = null, TimeProvider? timeProvider = null)
        : this(client, ownsClient: false, options, logger, timeProvider)
    {
    }

    private HttpImageOrigin(HttpClient client, bool ownsClient, HttpOriginOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _client = client;
        _ownsClient = ownsClient;
        _baseUrl = options.BaseUrl.AbsoluteUri.TrimEnd('/');
        _caller = new OriginHttpCaller(client, options, logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
        Description = $"http ({options.BaseUrl.GetLeftPart(UriPartial.Authority)})";
    }

    public string Description { get; }

    /// <summary>Builds an origin with its own connection pool, for use without dependency injection (CLI, tests).</summary>
    public static HttpImageOrigin Create(HttpOriginOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var client = new HttpClient(OriginHttpHandler.Create(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new HttpImageOrigin(client, ownsClient: true, options, loggerFactory?.CreateLogger<HttpImageOrigin>(), timeProvider);
    }

    public Task<OriginResponse> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = "/prompt/" + Uri.EscapeDataString(request.Prompt);
        var target = new StringBuilder(_baseUrl).Append(path);
        var separator = '?';
        foreach (var (name, value) in request.ForwardParameters)
        {
            target.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        var uri = new Uri(target.ToString());
        return _caller.SendAsync(() => OriginHttpHandler.NewRequest(HttpMethod.Get, uri), "GET", path, cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
