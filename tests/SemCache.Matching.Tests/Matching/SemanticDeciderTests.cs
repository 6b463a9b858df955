using SemCache.Core.Index;
using SemCache.Matching;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Matching;

public sealed class SemanticDeciderTests
{
    private readonly SemanticDecider _decider = new(new MatchOptions { Threshold = 0.8f });

    private static IndexCandidate Candidate(string prompt, float similarity) => new("key:" + prompt, prompt, "blob", similarity);

    private MatchDecision Decide(string query, params IndexCandidate[] candidates) =>
        _decider.Decide(query, _decider.Profile(query, SharedEmbedder.Instance), candidates, multilingualEmbedder: false);

    [Fact]
    public void Serves_the_first_candidate_above_the_threshold_that_passes_every_guard()
    {
        var decision = Decide(
            "three dogs on a lawn",
            Candidate("two dogs on a lawn", 0.97f),
            Candidate("3 dogs on a lawn", 0.95f),
            Candidate("three dogs on the lawn", 0.93f));

        Assert.True(decision.IsHit);
        Assert.Equal("3 dogs on a lawn", decision.Match!.Prompt);
        Assert.Equal(0.97f, decision.BestSimilarity);
        Assert.False(decision.Candidates[0].Served);
        Assert.Contains(decision.Candidates[0].Guards, g => g.Guard == GuardNames.Count && !g.Passed);
        Assert.True(decision.Candidates[1].Served);
        Assert.False(decision.Candidates[2].Served);
    }

    [Fact]
    public void Below_the_aligned_threshold_is_a_miss_without_guards()
    {
        var decision = Decide("a cat on a sofa", Candidate("a cat on a couch", 0.45f));
        Assert.False(decision.IsHit);
        Assert.False(decision.Candidates[0].AboveThreshold);
        Assert.Empty(decision.Candidates[0].Guards);
        Assert.StartsWith("miss", decision.Reason);
    }

    [Fact]
    public void Between_the_aligned_threshold_and_the_threshold_only_the_same_words_are_served()
    {
        var same = Decide("a cat on a sofa", Candidate("a cat on a couch", 0.7f));
        Assert.True(same.IsHit, same.Reason);
        Assert.False(same.Candidates[0].AboveThreshold);

        // A general query word stands for the stored specific one, never the reverse.
        var general = Decide("an animal on a sofa", Candidate("a cat on a sofa", 0.7f));
        Assert.True(general.IsHit, general.Reason);
        Assert.Equal("animal ~ cat: hypernym", Assert.Single(general.Candidates[0].Links).ToString());
        var specific = Decide("a cat on a sofa", Candidate("an animal on a sofa", 0.9f));
        Assert.False(specific.IsHit);
        Assert.Equal("cat ≠ animal: hyponym", Assert.Single(specific.Candidates[0].Links).ToString());

        var different = Decide("a cat on a sofa", Candidate("a dog on a sofa", 0.7f));
        Assert.False(different.IsHit);
    }

    [Fact]
    public void Tiny_orange_car_is_not_served_for_tiny_orange_cat()
    {
        var decision = Decide("tiny orange car", Candidate("tiny orange cat", 0.9f));
        Assert.False(decision.IsHit);
        Assert.Contains(decision.Candidates[0].Guards, g => g.Guard == GuardNames.Content && !g.Passed);
    }

    [Fact]
    public void Prompts_differing_only_in_punctuation_and_case_match_but_quoted_text_must_be_identical()
    {
        const string query = "cute anime girl, two long yellow pigtails, pink bodysuit, 4 k, digital illustration";
        Assert.True(Decide(query, Candidate("Cute anime girl two long yellow pigtails pink bodysuit 4 k digital illustration", 0.95f)).IsHit);
        Assert.False(Decide("a sign saying \"OPEN\"", Candidate("a sign saying \"open\"", 0.99f)).IsHit);
    }

    [Fact]
    public void Guards_can_be_switched_off()
    {
        var open = new SemanticDecider(new MatchOptions { Threshold = 0.8f, GuardsEnabled = false });
        var query = "tiny orange car";
        var decision = open.Decide(query, open.Profile(query, SharedEmbedder.Instance), [Candidate("tiny orange cat", 0.9f)], false);
        Assert.True(decision.IsHit);
    }

    [Fact]
    public void Two_different_chinese_prompts_never_match()
    {
        const string query = "一只在雪地里的红狐狸";
        var profile = _decider.Profile(query, SharedEmbedder.Instance);
        Assert.False(profile.SemanticEligible);
        Assert.Equal("zh", profile.Language);
        var decision = _decider.Decide(query, profile, [Candidate("一只在草地上的黑猫", 0.99f)], false);
        Assert.False(decision.IsHit);
    }

    [Fact]
    public void A_spanish_prompt_is_eligible_but_does_not_match_an_unrelated_spanish_prompt()
    {
        var profile = _decider.Profile("una foto de un perro rojo", SharedEmbedder.Instance);
        Assert.True(profile.SemanticEligible);
        Assert.Equal("es", profile.Language);
        Assert.False(Decide("una foto de un perro rojo", Candidate("una foto de un gato azul en la playa", 0.9f)).IsHit);
        Assert.True(Decide("una foto de un perro rojo", Candidate("una foto de un perro rojo.", 0.99f)).IsHit);
    }

    [Fact]
    public void Red_car_on_blue_bench_differs_from_blue_car_on_red_bench_but_reordering_is_fine()
    {
        Assert.False(Decide("a red car on a blue bench", Candidate("a blue car on a red bench", 0.99f)).IsHit);
        Assert.True(Decide("a red car and a blue bench", Candidate("a blue bench and a red car", 0.99f)).IsHit);
        Assert.True(Decide("a bird left of a couch", Candidate("a couch right of a bird", 0.95f)).IsHit);
        Assert.False(Decide("a bird left of a couch", Candidate("a couch left of a bird", 0.98f)).IsHit);
    }

    [Fact]
    public void Across_languages_only_a_multilingual_embedder_may_match()
    {
        // Italian: no translation bridge (es, fr and de are rendered in English, see the Translation tests).
        const string query = "una foto di un cane rosso";
        var profile = _decider.Profile(query, SharedEmbedder.Instance);
        IndexCandidate[] candidates = [Candidate("a photo of a red dog", 0.9f)];
        var english = _decider.Decide(query, profile, candidates, multilingualEmbedder: false);
        Assert.False(english.IsHit);
        Assert.Contains(english.Candidates[0].Guards, g => g.Guard == GuardNames.Language && !g.Passed);
        Assert.Contains(english.Candidates[0].Guards, g => g.Guard == GuardNames.Content && !g.Passed);

        var multilingual = _decider.Decide(query, profile, candidates, multilingualEmbedder: true);
        Assert.True(multilingual.IsHit);
        Assert.All(multilingual.Candidates[0].Guards, g => Assert.True(g.Passed));
    }

    [Fact]
    public void Options_are_validated_by_name()
    {
        var errors = new MatchOptions { Threshold = 1.5f, Candidates = 0, MinKnownTokenShare = 2, DisabledGuards = ["nope"] }.Validate();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Threshold", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Candidates", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MinKnownTokenShare", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("nope", StringComparison.Ordinal));
        Assert.Empty(new MatchOptions().Validate());
        Assert.Throws<ArgumentException>(() => new SemanticDecider(new MatchOptions { Threshold = -1 }));
        var gloss = new MatchOptions { GlossChoiceCandidates = -1, GlossChoiceFloor = float.NaN }.Validate();
        Assert.Contains(gloss, e => e.StartsWith("GlossChoiceCandidates", StringComparison.Ordinal));
        Assert.Contains(gloss, e => e.StartsWith("GlossChoiceFloor", StringComparison.Ordinal));
    }
}
