using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SemCache.Embedding;

/// <summary>URL, key and the resilient HTTP handler of <see cref="OpenAiEmbeddingGenerator"/>.</summary>
internal static class OpenAiTransport
{
    public static Uri ResolveRequestUri(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The embedding endpoint must be an absolute http(s) URL, not '{endpoint}'.", nameof(endpoint));
        }

        var path = endpoint.AbsolutePath.TrimEnd('/');
        var suffix = path.EndsWith("/embeddings", StringComparison.Ordinal) ? ""
            : path.EndsWith("/v1", StringComparison.Ordinal) ? "/embeddings"
            : "/v1/embeddings";
        return new UriBuilder(endpoint) { Path = path + suffix }.Uri;
    }

    public static string? ReadApiKey(string? variable)
    {
        if (string.IsNullOrEmpty(variable))
        {
            return null;
        }

        var key = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(key)
            ? throw new InvalidOperationException($"The environment variable {variable} (the embedding API key) is not set.")
            : key;
    }

    public static ResilienceHandler CreateHandler(OpenAiEmbeddingOptions options)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            // The defaults of HttpRetryStrategyOptions decide what is transient: 408, 429, 5xx, timeouts, connect errors.
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
            });
        }

        pipeline.AddTimeout(options.Timeout);
        return new ResilienceHandler(pipeline.Build())
        {
            InnerHandler = new SocketsHttpHandler { ConnectTimeout = options.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
    }
}
