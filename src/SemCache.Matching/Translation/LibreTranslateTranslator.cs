using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace SemCache.Matching.Translation;

/// <summary>
/// A LibreTranslate server (POST /translate with q, source, target, format; answer {"translatedText": ...}).
/// Calls are synchronous (the decision is) and bounded by a timeout; results are cached by the renderer, and a
/// failure falls back to the dictionary bridge.
/// </summary>
public sealed class LibreTranslateTranslator : IPromptTranslator, IDisposable
{
    private readonly HttpClient _http;

    public LibreTranslateTranslator(Uri endpoint, TimeSpan? timeout = null, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = endpoint;
        _http.Timeout = timeout ?? TimeSpan.FromSeconds(5);
    }

    public string Name => "libretranslate";

    public bool Supports(string language) => language is "es" or "fr" or "de";

    public PromptRendering? Translate(string prompt, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "translate")
        {
            Content = JsonContent.Create(new TranslateRequest(prompt, language, "en", "text")),
        };
        using var response = _http.Send(request);
        response.EnsureSuccessStatusCode();
        using var stream = response.Content.ReadAsStream();
        var answer = System.Text.Json.JsonSerializer.Deserialize<TranslateResponse>(stream);
        var text = answer?.TranslatedText?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new RenderedWord(w, [w])).ToArray();
        return new PromptRendering(language, Name, text, words);
    }

    public void Dispose() => _http.Dispose();

    private sealed record TranslateRequest(
        [property: JsonPropertyName("q")] string Q,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("format")] string Format);

    private sealed record TranslateResponse([property: JsonPropertyName("translatedText")] string? TranslatedText);
}
