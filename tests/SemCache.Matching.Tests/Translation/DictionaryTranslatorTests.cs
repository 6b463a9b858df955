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

    [Theory]
    [InlineData("der Morgen ist kalt", "the morning is cold")] // a capitalised noun, not the adverb "morgen"
    [InlineData("morgen regnet es", "tomorrow rains it")]
    [InlineData("Das Leben ist schön", "the life is beautiful")] // the noun "Leben", not the verb "leben" (live)
    [InlineData("Er sagt nichts", "he say nothing")] // FreeDict deu-eng has no "say" for "sagen"; the pivots do
    [InlineData("Ich höre Musik", "I hear music")]
    public void German_nouns_keep_their_own_senses_and_common_verbs_their_usual_gloss(string prompt, string expected) =>
        Assert.Equal(expected, DictionaryTranslator.Instance.Translate(prompt, "de")!.Text);

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

    [Theory]
    [InlineData("le chat ne dort pas", "not")]
    [InlineData("le chat ne dort plus", "no longer")]
    [InlineData("le chat ne dort jamais", "never")]
    [InlineData("il n'y a personne", "nobody")]
    public void French_negation_is_read_from_its_second_word(string prompt, string negation)
    {
        // "ne" carries no meaning of its own once its partner is found: one negator, the partner's.
        var text = " " + DictionaryTranslator.Instance.Translate(prompt, "fr")!.Text + " ";
        Assert.Contains(" " + negation + " ", text, StringComparison.Ordinal);
        Assert.Equal(negation == "not" ? 1 : 0, text.Split(' ').Count(w => w == "not"));
        Assert.DoesNotContain(" more ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void French_personne_and_plus_without_ne_keep_their_plain_meaning()
    {
        var text = DictionaryTranslator.Instance.Translate("une personne plus grande", "fr")!.Text;
        Assert.Contains("person", text, StringComparison.Ordinal);
        Assert.Contains("more", text, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("los niños", "es", "boys")]
    [InlineData("el perro dejó la pelota", "es", "leave")]
    [InlineData("las flores rojas", "es", "flowers")]
    [InlineData("les chevaux", "fr", "horses")]
    [InlineData("ella puso el libro en la mesa", "es", "put")] // irregular: no stem of "poner" reads "puso"
    [InlineData("des yeux bleus", "fr", "eyes")] // irregular plural of "œil"
    [InlineData("der Hund trinkt Wasser", "de", "drink")] // German forms come from Hunspell's affix rules
    [InlineData("die kleineren Hunde", "de", "little")]
    public void Inflected_forms_are_glossed_from_the_analysed_forms(string prompt, string language, string expected) =>
        Assert.Contains(expected, DictionaryTranslator.Instance.Translate(prompt, language)!.Text.Split(' '));

    [Theory]
    [InlineData("no hay nada en la mesa", "nothing", 0)] // negative concord: "nada" negates, "no" agrees with it
    [InlineData("no vino nadie", "nobody", 0)]
    [InlineData("el gato no duerme", "not", 1)]
    public void Spanish_negative_concord_negates_once(string prompt, string negator, int nots)
    {
        var words = DictionaryTranslator.Instance.Translate(prompt, "es")!.Text.Split(' ');
        Assert.Contains(negator, words);
        Assert.Equal(nots, words.Count(w => w == "not"));
    }

    [Theory]
    [InlineData("Tom est à Boston", "fr", "Tom is in Boston", "in")]
    [InlineData("bienvenue à Paris", "fr", "welcome to Paris", "to")]
    [InlineData("un gato en la mesa", "es", "a cat on the table", "on")]
    public void Prepositions_keep_every_sense_and_take_the_one_the_other_prompt_uses(string prompt, string language, string other, string chosen) =>
        Assert.Contains(chosen, DictionaryTranslator.Instance.Translate(prompt, language)!.ChooseFor(other.ToLowerInvariant()).Split(' '));

    [Fact]
    public void Other_languages_are_not_rendered() =>
        Assert.Null(DictionaryTranslator.Instance.Translate("un gatto arancione", "it"));
}
