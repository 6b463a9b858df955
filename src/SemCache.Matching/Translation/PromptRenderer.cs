using System.Collections.Concurrent;

namespace SemCache.Matching.Translation;

/// <summary>
/// English renderings of Spanish, French and German prompts, cached (stored candidates come back often). The
/// configured engine is asked first; a language it does not serve, or a failure, falls back to the shipped
/// dictionary bridge. A rendering that glosses too few words (mostly names or unknown words) is not used: such a
/// prompt keeps today's behaviour and matches only within its own language.
/// </summary>
public sealed class PromptRenderer
{
    /// <summary>At least this share of the words must be glossed (tuned on dev-tune).</summary>
    public const double MinCoverage = 0.5;

    private readonly ConcurrentDictionary<(string, string), PromptRendering?> _cache = new();
    private readonly IPromptTranslator? _engine;
    private readonly int _capacity;

    /// <param name="engine">Preferred engine; null uses the dictionary bridge alone.</param>
    public PromptRenderer(IPromptTranslator? engine, int capacity = 50_000)
    {
        _engine = engine;
        _capacity = capacity;
    }

    /// <summary>No rendering at all: every prompt is compared as written (the behaviour before the bridge).</summary>
    public static PromptRenderer Disabled { get; } = new(null) { Enabled = false };

    public bool Enabled { get; private init; } = true;

    /// <summary>Whether prompts of this language get an English rendering.</summary>
    public bool Renders(string language) => Enabled && DictionaryTranslator.Instance.Supports(language);

    public PromptRendering? Render(string prompt, string language)
    {
        if (!Renders(language))
        {
            return null;
        }

        if (_cache.TryGetValue((prompt, language), out var cached))
        {
            return cached;
        }

        var rendering = Translate(prompt, language);
        if (rendering is not null && rendering.Coverage < MinCoverage)
        {
            rendering = null;
        }

        if (_cache.Count >= _capacity)
        {
            _cache.Clear();
        }

        _cache.TryAdd((prompt, language), rendering);
        return rendering;
    }

    private PromptRendering? Translate(string prompt, string language)
    {
        if (_engine is not null && _engine.Supports(language))
        {
            try
            {
                if (_engine.Translate(prompt, language) is { } rendering)
                {
                    return rendering;
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException or TaskCanceledException or System.ComponentModel.Win32Exception or System.Text.Json.JsonException)
            {
                // An engine that is down must not fail a request: the dictionary bridge answers instead.
            }
        }

        return DictionaryTranslator.Instance.Translate(prompt, language);
    }
}
