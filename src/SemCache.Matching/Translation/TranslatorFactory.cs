namespace SemCache.Matching.Translation;

/// <summary>Builds the renderer named by <see cref="MatchOptions.Translator"/>.</summary>
public static class TranslatorFactory
{
    public const string Dictionary = "dictionary";
    public const string Apertium = "apertium";
    public const string LibreTranslate = "libretranslate";
    public const string None = "none";

    public static IReadOnlyList<string> Validate(MatchOptions options)
    {
        var kind = options.Translator.Trim().ToLowerInvariant();
        if (kind is not (Dictionary or Apertium or LibreTranslate or None))
        {
            return [$"Translator must be {Dictionary}, {Apertium}, {LibreTranslate} or {None} (got '{options.Translator}')."];
        }

        if (kind == LibreTranslate && options.TranslatorEndpoint is not { IsAbsoluteUri: true })
        {
            return ["TranslatorEndpoint must be an absolute http(s) address when Translator is libretranslate."];
        }

        return [];
    }

    public static PromptRenderer CreateRenderer(MatchOptions options) => options.Translator.Trim().ToLowerInvariant() switch
    {
        None => PromptRenderer.Disabled,
        Apertium => new PromptRenderer(new ApertiumTranslator(options.ApertiumCommand)),
        LibreTranslate => new PromptRenderer(new LibreTranslateTranslator(options.TranslatorEndpoint!)),
        _ => Shared,
    };

    /// <summary>One dictionary renderer per process: its cache serves every decider.</summary>
    private static PromptRenderer Shared { get; } = new(null);
}
