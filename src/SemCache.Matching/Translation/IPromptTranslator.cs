namespace SemCache.Matching.Translation;

/// <summary>
/// Renders a prompt of another language in English, so that the English-only embedder and the English word checks
/// can compare it with English prompts. Implementations must be thread-safe; results are cached by
/// <see cref="PromptRenderer"/>, so an engine is called once per distinct prompt.
/// </summary>
public interface IPromptTranslator
{
    /// <summary>Short name shown in explanations ("dictionary", "apertium", "libretranslate").</summary>
    string Name { get; }

    /// <summary>Whether this engine can translate from the language (a code of <c>LanguageDetector</c>).</summary>
    bool Supports(string language);

    /// <summary>The English rendering, or null when the engine cannot render this prompt (the prompt then stays as written).</summary>
    PromptRendering? Translate(string prompt, string language);
}
