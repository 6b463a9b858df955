using SemCache.Matching.Language;

namespace SemCache.Tests.Translation;

public sealed class LanguageDetectionOnShortPromptsTests
{
    [Theory]
    [InlineData("gato naranja pequeño", "es")]
    [InlineData("perro azul pequeño", "es")]
    [InlineData("dos gatos", "es")]
    [InlineData("petit chat orange", "fr")]
    [InlineData("petit chien bleu", "fr")]
    [InlineData("kleine orange Katze", "de")]
    [InlineData("kleiner blauer Hund", "de")]
    [InlineData("sechs Vasen", "de")]
    [InlineData("une image d'un vase vert", "fr")] // Spanish "un" alone no longer outweighs the French dictionary words
    public void Short_spanish_french_and_german_prompts_are_recognised(string prompt, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(prompt));

    [Theory]
    [InlineData("tiny orange cat")]
    [InlineData("golden retriever, orange sunset, 8k")]
    [InlineData("a chat bubble over a table")]
    [InlineData("rose garden, photo")]
    [InlineData("barack obama by greg rutkowski")] // names a Spanish analyser lists do not make a prompt Spanish
    [InlineData("ronald mcdonald holding assault rifle, gta 5")]
    public void English_prompts_with_words_shared_with_other_languages_stay_english(string prompt) =>
        Assert.Equal("en", LanguageDetector.Detect(prompt));

    [Theory]
    [InlineData("Queremos justicia.", "es")]
    [InlineData("Tom amaba a los animales.", "es")]
    [InlineData("Tout le monde a applaudi.", "fr")]
    [InlineData("Ich möchte in Paris studieren.", "de")]
    public void Sentences_with_few_function_words_are_recognised_by_their_dictionary_words(string prompt, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(prompt));
}
