using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SemCache.Core.Origin;
using SemCache.Core.Requests;

namespace SemCache.Origin;

/// <summary>
/// An OpenAI-compatible origin: <c>POST {BaseUrl}/v1/images/generations</c> asking for one <c>b64_json</c> image,
/// decoded to bytes. Same resilience and failure mapping as <see cref="HttpImageOrigin"/>; non-2xx answers (the
/// service's JSON error) are returned as they came. The API key comes from an environment variable, never logged.
/// </summary>
public sealed class OpenAiImageOrigin : IImageOrigin, IDisposable
{
    private const string Path = "/v1/images/generations";

    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly OpenAiOriginOptions _options;
    private readonly Uri _endpoint;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly OriginHttpCaller _caller;

    /// <summary>Uses <paramref name="client"/> as given (not disposed here); its own timeout should be infinite.</summary>
    public OpenAiImageOrigin(HttpClient client, OpenAiOriginOptions options, ILogger<OpenAiImageOrigin>? logger = null, TimeProvider? timeProvider = null)
        : this(client, ownsClient: false, options, logger, timeProvider)
    {
    }

    private OpenAiImageOrigin(HttpClient client, bool ownsClient, OpenAiOriginOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ThrowIfInvalid(options);
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _endpoint = new Uri(options.Http.BaseUrl.AbsoluteUri.TrimEnd('/') + Path);
        _authorization = ReadApiKey(options.ApiKeyEnvironmentVariable);
        _caller = new OriginHttpCaller(client, options.Http, logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
        Description = $"openai ({options.Http.BaseUrl.GetLeftPart(UriPartial.Authority)}{(options.Model is null ? string.Empty : ", model " + options.Model)})";
    }

    public string Description { get; }

    /// <summary>Builds an origin with its own connection pool, for use without dependency injection.</summary>
    public static OpenAiImageOrigin Create(OpenAiOriginOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ThrowIfInvalid(options);
        var client = new HttpClient(OriginHttpHandler.Create(options.Http), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new OpenAiImageOrigin(client, ownsClient: true, options, loggerFactory?.CreateLogger<OpenAiImageOrigin>(), timeProvider);
    }

    public async Task<OriginResponse> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = OpenAiRequestBody.Create(request, _options);
        var answer = await _caller.SendAsync(() => NewRequest(body), "POST", Path, cancellationToken).ConfigureAwait(false);
        return answer.IsSuccess ? OpenAiResponseReader.ToImage(answer) : answer;
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    internal static void ThrowIfInvalid(OpenAiOriginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid OpenAI origin options: " + string.Join(" ", errors));
        }
    }

    private HttpRequestMessage NewRequest(byte[] body)
    {
        var message = OriginHttpHandler.NewRequest(HttpMethod.Post, _endpoint);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Authorization = _authorization;
        return message;
    }

    internal static AuthenticationHeaderValue? ReadApiKey(string? variable)
    {
        if (variable is null)
        {
            return null;
        }

        var key = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"The environment variable {variable} (ApiKeyEnvironmentVariable) is not set.");
        }

        return new AuthenticationHeaderValue("Bearer", key.Trim());
    }
}
