using SemCache.Matching.Translation;

namespace SemCache.Tests.Translation;

public sealed class DictionaryTranslatorTests
{
    [Theory]
    [InlineData("gato naranja pequeño", "es", "small orange cat")]
    [InlineData("perro azul pequeño", "es", "small blue dog")]
    [InlineData("petit chat orange", "fr", "small orange cat")]
    [InlineData("petit chien bleu", "fr", "small blue dog")]
    [InlineData("kleine orange Katze", "de", "small orange cat")]
    [InlineData("kleiner blauer Hund", "de", "small blue dog")]
    [InlineData("una foto de un barco rojo", "es", "a photo of a red boat")]
    [InlineData("une image d'un parapluie rouge", "fr", "a picture of a red umbrella")]
    [InlineData("ein Foto von einem braunen Vogel", "de", "a photo of a brown bird")]
    public void Renders_the_upstream_examples_and_templated_prompts_in_english(string prompt, string language, string expected) =>
        Assert.Equal(expected, DictionaryTranslator.Instance.Translate(prompt, language)!.Text);

    [Fact]
    public void A_plural_found_through_its_singular_is_glossed_in_the_plural() =>
        Assert.Equal("two cats", DictionaryTranslator.Instance.Translate("dos gatos", "es")!.Text);

    [Fact]
    public void Ambiguous_words_keep_their_alternatives_and_take_the_one_the_other_prompt_uses()
    {
        var rendering = DictionaryTranslator.Instance.Translate("un gato pequeño", "es")!;
        Assert.Equal("a small cat", rendering.Text);
        Assert.Equal("a little cat", rendering.ChooseFor("a little cat on a sofa"));
        Assert.Equal("a tiny cat", rendering.ChooseFor("a tiny cat"));
        Assert.Equal("a small cat", rendering.ChooseFor("a cat on a mat"));
    }

    [Fact]
    public void Unknown_words_such_as_names_pass_through_and_lower_the_coverage()
    {
        var rendering = DictionaryTranslator.Instance.Translate("Xqzt Blorf y un perro", "es")!;
        Assert.Contains("xqzt", rendering.Text, StringComparison.Ordinal);
        Assert.Contains("dog", rendering.Text, StringComparison.Ordinal);
        Assert.True(rendering.Coverage < 1);
    }

    [Fact]
    public void French_elisions_and_inverted_pronouns_become_words()
    {
        var rendering = DictionaryTranslator.Instance.Translate("l'oiseau est-il rouge", "fr")!;
        Assert.Equal("the bird is he red", rendering.Text);
    }

    [Fact]
    public void Other_languages_are_not_rendered() =>
        Assert.Null(DictionaryTranslator.Instance.Translate("un gatto arancione", "it"));
}
