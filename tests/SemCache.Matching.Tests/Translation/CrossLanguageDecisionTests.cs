using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Matching.Verifier;
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

    private static async Task<GuardVerdict> GuardAsync(string query, string cached, string guard)
    {
        var evaluator = new PairEvaluator(SharedEmbedder.Instance, new MatchOptions());
        var scores = await evaluator.ScoreAsync([new LabelledPair(query, cached, 1, "translation", "x", "test")]);
        return scores[0].Guards.Single(g => g.Guard == guard);
    }

    [Fact]
    public async Task Quoted_text_is_compared_as_written_not_as_glossed()
    {
        // The words in quotes are drawn into the image: a Spanish sign saying "hola" is not an English one saying "hello".
        Assert.False((await GuardAsync("un cartel que dice \"hola\"", "a sign that says \"hello\"", GuardNames.QuotedText)).Passed);
        Assert.True((await GuardAsync("un cartel que dice \"hello\"", "a sign that says \"hello\"", GuardNames.QuotedText)).Passed);
    }

    [Fact]
    public async Task Across_languages_negators_are_counted_not_placed()
    {
        // French puts "pas" after the verb: the scope cannot be compared word by word, the presence of a negator can.
        Assert.True((await GuardAsync("le chat ne dort pas", "the cat is not sleeping", GuardNames.Negation)).Passed);
        Assert.False((await GuardAsync("le chat dort", "the cat is not sleeping", GuardNames.Negation)).Passed);
        Assert.False((await GuardAsync("el gato no duerme", "the cat is sleeping", GuardNames.Negation)).Passed);
    }

    [Fact]
    public async Task Across_languages_a_different_thing_of_the_same_kind_is_vetoed()
    {
        // The rest of the sentence matches; the verifier could overrule the content guard, not this veto.
        var fish = await GuardAsync("L'hirondelle est un oiseau migrateur.", "The swallow is a migratory fish.", GuardNames.Objects);
        Assert.False(fish.Passed);
        Assert.Contains("bird ≠ fish", fish.Reason, StringComparison.Ordinal);
        Assert.False((await GuardAsync("Tom a une nouvelle voiture.", "Tom has a new bicycle.", GuardNames.Objects)).Passed);
        Assert.True((await GuardAsync("L'hirondelle est un oiseau migrateur.", "The swallow is a migratory bird.", GuardNames.Objects)).Passed);
        Assert.False(await ServedAsync("L'hirondelle est un oiseau migrateur.", "The swallow is a migratory fish."));
    }

    [Fact]
    public async Task In_one_language_the_object_veto_leaves_the_pair_to_the_content_guard()
    {
        var english = await GuardAsync("the swallow is a migratory bird", "the swallow is a migratory fish", GuardNames.Objects);
        Assert.True(english.Passed);
        Assert.False((await GuardAsync("the swallow is a migratory bird", "the swallow is a migratory fish", GuardNames.Content)).Passed);
        Assert.True((await GuardAsync("un oiseau migrateur", "un poisson migrateur", GuardNames.Objects)).Passed);
    }

    [Fact]
    public void Pairs_across_languages_are_judged_by_the_verifiers_cross_language_model()
    {
        var decider = new SemanticDecider(new MatchOptions());
        var cross = decider.Origin("gato naranja pequeño", "tiny orange cat");
        Assert.True(cross.CrossLanguage);
        Assert.False(decider.Origin("gato naranja pequeño", "perro azul pequeño").CrossLanguage);
        Assert.False(decider.Origin("tiny orange cat", "a small orange cat").CrossLanguage);

        var model = PairVerifier.Shipped.Model;
        Assert.NotNull(model.CrossLanguage);
        Assert.Equal(model.CrossLanguage!.Cutoff, decider.VerifierCutoffFor(cross));
        Assert.Equal(model.CrossLanguage.MinSimilarity, decider.SimilarityFloorFor(cross));
        Assert.Equal(model.Cutoff, decider.VerifierCutoffFor(default));
        Assert.NotEqual(decider.VerifierCutoffFor(cross), decider.VerifierCutoffFor(default));
    }
}
