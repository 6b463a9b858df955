using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class LanguageGuardTests
{
    [Theory]
    [InlineData("una foto de un perro rojo", "a photo of a red dog")]
    [InlineData("ein Foto von einem roten Hund", "une photo d'un chien rouge")]
    public void Different_languages_fail_with_an_english_only_embedder(string query, string candidate) =>
        GuardAssert.Fails(new LanguageGuard(multilingualEmbedder: false), query, candidate);

    [Theory]
    [InlineData("una foto de un perro rojo", "a photo of a red dog")]
    public void A_multilingual_embedder_may_match_across_languages(string query, string candidate) =>
        GuardAssert.Passes(new LanguageGuard(multilingualEmbedder: true), query, candidate);

    [Fact]
    public void Same_language_passes() =>
        GuardAssert.Passes(new LanguageGuard(multilingualEmbedder: false), "una foto de un perro rojo", "la foto de un perro rojo");
}
