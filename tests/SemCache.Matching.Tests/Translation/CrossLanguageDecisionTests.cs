using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Translation;

/// <summary>The real decision (shipped MiniLM, guards on) over translated prompts: query a, cached candidate b.</summary>
public sealed class CrossLanguageDecisionTests
{
    private static async Task<bool> ServedAsync(string query, string cached, MatchOptions? options = null)
    {
        var evaluator = new PairEvaluator(SharedEmbedder.Instance, options ?? new MatchOptions());
        var report = await evaluator.EvaluateAsync([new LabelledPair(query, cached, 1, "translation", "x", "test")]);
        return report.Recall > 0;
    }

    [Theory]
    [InlineData("gato naranja pequeño")]
    [InlineData("petit chat orange")]
    [InlineData("kleine orange Katze")]
    public async Task Translations_of_a_cached_english_prompt_are_served(string query) =>
        Assert.True(await ServedAsync(query, "tiny orange cat"), query);

    [Theory]
    [InlineData("perro azul pequeño")]
    [InlineData("petit chien bleu")]
    [InlineData("kleiner blauer Hund")]
    public async Task A_different_animal_and_colour_in_another_language_is_not_served(string query) =>
        Assert.False(await ServedAsync(query, "tiny orange cat"), query);

    [Fact]
    public async Task An_english_query_finds_a_cached_spanish_prompt() =>
        Assert.True(await ServedAsync("a small orange cat", "gato naranja pequeño"));

    [Fact]
    public async Task Two_other_languages_meet_through_english()
    {
        Assert.True(await ServedAsync("petit chat orange", "gato naranja pequeño"));
        Assert.True(await ServedAsync("kleine orange Katze", "petit chat orange"));
    }

    [Theory]
    [InlineData("un coche rojo y una silla azul", "una silla azul y un coche rojo", true)]
    [InlineData("un coche rojo y una silla azul", "un coche azul y una silla roja", false)]
    [InlineData("deux chats noirs", "trois chats noirs", false)]
    [InlineData("ein rotes Auto", "ein gelbes Auto", false)]
    public async Task Same_language_pairs_keep_the_english_checks(string query, string cached, bool served) =>
        Assert.Equal(served, await ServedAsync(query, cached));

    [Fact]
    public async Task Without_a_translator_languages_do_not_meet() =>
        Assert.False(await ServedAsync("gato naranja pequeño", "tiny orange cat", new MatchOptions { Translator = TranslatorFactory.None }));

    [Fact]
    public void The_profile_reports_the_language_and_the_english_rendering()
    {
        var decider = new SemanticDecider(new MatchOptions());
        var profile = decider.Profile("gato naranja pequeño", SharedEmbedder.Instance);
        Assert.Equal("es", profile.Language);
        Assert.Equal("small orange cat", profile.Rendering);
        Assert.Null(decider.Profile("tiny orange cat", SharedEmbedder.Instance).Rendering);
    }

    [Fact]
    public void Prompts_in_other_scripts_get_no_rendering() =>
        Assert.Null(new SemanticDecider(new MatchOptions()).Render("小さなオレンジ色の猫"));
}
