using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Polly.Timeout;
using SemCache.Core.Numerics;

namespace SemCache.Embedding;

/// <summary>
/// Embeddings from an OpenAI-compatible HTTP endpoint: batches of at most MaxBatchSize, a timeout per attempt, and
/// retries with jittered exponential back-off (honouring Retry-After) on 408/429/5xx, timeouts and connect failures.
/// </summary>
public sealed class OpenAiEmbeddingGenerator : IPromptEmbedder
{
    private readonly OpenAiEmbeddingOptions _options;
    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OpenAiEmbeddingGenerator(OpenAiEmbeddingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));
        _options = options;
        RequestUri = OpenAiTransport.ResolveRequestUri(options.Endpoint);
        _apiKey = OpenAiTransport.ReadApiKey(options.ApiKeyEnvironmentVariable);
        _http = new HttpClient(OpenAiTransport.CreateHandler(options)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        EmbedderId = BuildId(options);
        _metadata = new EmbeddingGeneratorMetadata("openai-compatible", RequestUri, options.Model, options.Dimensions);
    }

    /// <summary>Where embeddings are POSTed.</summary>
    public Uri RequestUri { get; }

    public string EmbedderId { get; }

    public bool IsMultilingual => _options.Multilingual;

    /// <summary>
    /// The server's vocabulary is unknown here (and multilingual ones read most scripts), so every prompt counts as
    /// readable, except one without a single letter or digit (emoji, punctuation), which embeds to noise anywhere.
    /// </summary>
    public double KnownTokenShare(string prompt) => UnknownTokens.LettersOrDigitsShare(prompt);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        for (var start = 0; start < texts.Count; start += _options.MaxBatchSize)
        {
            var count = Math.Min(_options.MaxBatchSize, texts.Count - start);
            var body = OpenAiWire.Request(_options.Model, texts, start, count, _options.Dimensions, _options.PromptPrefix);
            foreach (var vector in await PostAsync(body, count, cancellationToken).ConfigureAwait(false))
            {
                result.Add(new Embedding<float>(vector) { ModelId = _options.Model, CreatedAt = DateTimeOffset.UtcNow });
            }
        }

        return result;
    }

    private async Task<float[][]> PostAsync(byte[] body, int count, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        // The attempt timeout covers the headers; the body gets its own limit so a stalled answer cannot hang a lookup.
        using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            bodyTimeout.CancelAfter(_options.Timeout);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(bodyTimeout.Token).ConfigureAwait(false);
                throw new EmbeddingServiceException(
                    $"{RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase} for model '{_options.Model}': {Clip(text)}",
                    statusCode: response.StatusCode);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(bodyTimeout.Token).ConfigureAwait(false);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: bodyTimeout.Token).ConfigureAwait(false);
            var vectors = OpenAiWire.Parse(doc, count, out var problem)
                ?? throw new EmbeddingServiceException($"{RequestUri} returned an unusable answer: {problem}.");
            return Check(vectors);
        }
        catch (OperationCanceledException e) when (bodyTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingServiceException(
                $"{RequestUri} did not finish its answer within {_options.Timeout.TotalSeconds:0.###} s.", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new EmbeddingServiceException(
                $"{RequestUri} did not answer within {_options.Timeout.TotalSeconds:0.###} s ({_options.MaxRetries + 1} attempts).", e);
        }
        catch (JsonException e)
        {
            throw new EmbeddingServiceException($"{RequestUri} returned invalid JSON.", e);
        }
        catch (HttpRequestException e) when (e is not EmbeddingServiceException)
        {
            throw new EmbeddingServiceException($"{RequestUri} could not be reached: {e.Message}", e, e.StatusCode);
        }
    }

    private float[][] Check(float[][] vectors)
    {
        var width = _options.Dimensions ?? vectors[0].Length;
        foreach (var vector in vectors)
        {
            if (vector.Length != width)
            {
                throw new EmbeddingServiceException($"{RequestUri} returned a {vector.Length}-d vector where {width} were expected.");
            }

            if (_options.Normalize)
            {
                VectorMath.NormalizeInPlace(vector);
            }
        }

        return vectors;
    }

    /// <summary>openai:{model}@{host}, plus the settings that change vectors when they are set.</summary>
    private static string BuildId(OpenAiEmbeddingOptions options)
    {
        var qualifiers = new List<string>(2);
        if (options.Dimensions is { } d)
        {
            qualifiers.Add($"dimensions={d}");
        }

        if (options.PromptPrefix is { Length: > 0 } prefix)
        {
            qualifiers.Add("prefix=" + Uri.EscapeDataString(prefix));
        }

        var id = $"openai:{options.Model}@{options.Endpoint.Host}";
        return qualifiers.Count == 0 ? id : id + "?" + string.Join('&', qualifiers);
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose() => _http.Dispose();
}
