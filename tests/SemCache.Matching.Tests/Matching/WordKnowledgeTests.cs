using SemCache.Core.Index;
using SemCache.Matching;
using SemCache.Matching.Lexicon;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Matching;

/// <summary>
/// Word knowledge from the shipped WordNet data, through the decider: differing words that WordNet relates closely
/// enough are served, with the relation explained; everything else still fails a guard.
/// </summary>
public sealed class WordKnowledgeTests
{
    private readonly SemanticDecider _decider = new(new MatchOptions());

    private MatchDecision Decide(string query, string stored, float similarity = 0.9f) =>
        _decider.Decide(query, _decider.Profile(query, SharedEmbedder.Instance), [new IndexCandidate("k", stored, "b", similarity)], multilingualEmbedder: false);

    [Theory]
    [InlineData("small orange cat", "tiny orange cat", "small ~ tiny: similar-to")]
    [InlineData("a little orange cat", "tiny orange cat", "little ~ tiny: similar-to")]
    [InlineData("diminutive orange cat", "tiny orange cat", "diminutive ~ tiny: synonym")]
    [InlineData("minuscule orange cat", "tiny orange cat", "minuscule ~ tiny: similar-to")]
    [InlineData("a cat sitting on a sofa", "a cat is sitting on the couch", "sofa ~ couch: synonym")]
    [InlineData("a burger on a plate", "a hamburger on a plate", "burger ~ hamburger: synonym")]
    [InlineData("a red lighthouse on a cliff at sunrise", "a red lighthouse on a cliff at dawn", "sunrise ~ dawn: synonym")]
    [InlineData("Someone kicking a soccer ball", "A person kicking a soccer ball", "someone ~ person: synonym")]
    // A general query word stands for the specific stored one: the stored picture shows one.
    [InlineData("A person sitting on a bench in a park.", "A woman sitting on a bench in a park.", "person ~ woman: hypernym")]
    [InlineData("an animal sleeping on a sofa", "a cat sleeping on a sofa", "animal ~ cat: hypernym")]
    [InlineData("a feline on a sofa", "a cat on a sofa", "feline ~ cat: hypernym")]
    public void Related_words_are_served_and_explained(string query, string stored, string link)
    {
        var decision = Decide(query, stored);
        Assert.True(decision.IsHit, decision.Reason);
        Assert.Contains(link, decision.Candidates[0].Links.Select(l => l.ToString()));
        var content = decision.Candidates[0].Guards.Single(g => g.Guard == GuardNames.Content);
        Assert.Contains(link, content.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // A specific query is not served a general stored picture: the stored "person" may be a man.
    [InlineData("A woman sitting on a bench in a park.", "A person sitting on a bench in a park.")]
    [InlineData("a bowl of apples on a table", "a bowl of fruit on a table")]
    [InlineData("a tiny orange kitten", "tiny orange cat")]
    // Sister terms and opposites stay different.
    [InlineData("A man sitting on a bench", "A woman sitting on a bench")]
    [InlineData("a dog lying on a bed", "a cat lying on a bed")]
    [InlineData("a large orange cat", "a small orange cat")]
    [InlineData("a cat sitting on a bed", "a cat standing on a bed")]
    // Satellites of one adjective are alike only on a scale ("size"), not as kinds ("fried" and "boiled" eggs).
    [InlineData("a fried egg on a plate", "a boiled egg on a plate")]
    // A substituted word keeps its bindings.
    [InlineData("a small black cat", "a tiny orange cat")]
    [InlineData("two small orange cats", "a tiny orange cat")]
    [InlineData("tiny orange car", "tiny orange cat")]
    [InlineData("a castle in a forest", "a castle in a desert")]
    // One general word covers one specific word, not two.
    [InlineData("a person on a bench", "a man and a woman on a bench")]
    public void Different_pictures_still_miss(string query, string stored)
    {
        var decision = Decide(query, stored);
        Assert.False(decision.IsHit, $"served '{stored}' for '{query}'");
    }

    [Fact]
    public void Opposites_are_named_when_they_explain_a_miss()
    {
        var decision = Decide("a large orange cat", "a small orange cat");
        Assert.Contains("large ≠ small: antonym", decision.Candidates[0].Links.Select(l => l.ToString()));
    }

    [Fact]
    public void Word_knowledge_can_be_switched_off()
    {
        var strict = new SemanticDecider(new MatchOptions { WordKnowledge = false });
        var query = "small orange cat";
        var decision = strict.Decide(query, strict.Profile(query, SharedEmbedder.Instance), [new IndexCandidate("k", "tiny orange cat", "b", 0.98f)], false);
        Assert.False(decision.IsHit);
        Assert.Empty(decision.Candidates[0].Links);
    }

    [Theory]
    [InlineData("small", "tiny", WordRelation.SimilarTo)]
    [InlineData("mice", "mouse", WordRelation.SameLemma)]
    [InlineData("dawn", "sunrise", WordRelation.Synonym)]
    [InlineData("animal", "cat", WordRelation.Hypernym)]
    [InlineData("cat", "animal", WordRelation.Hyponym)]
    [InlineData("lion", "tiger", WordRelation.CoHyponym)]
    [InlineData("small", "large", WordRelation.Antonym)]
    [InlineData("object", "cat", WordRelation.None)] // too general to stand for a picture of anything
    [InlineData("cat", "tractor", WordRelation.None)] // "cat" as a Caterpillar tractor is a rare, untagged sense
    public void Lexicon_relates_words_by_their_frequent_senses(string query, string candidate, WordRelation expected) =>
        Assert.Equal(expected, WordNetLexicon.Shared.Relate(query, candidate));

    [Theory]
    [InlineData("bird", "fish", true)]
    [InlineData("car", "bicycle", true)]
    [InlineData("table", "bed", true)]
    [InlineData("cat", "kitten", false)] // a kind of the other
    [InlineData("sofa", "couch", false)] // synonyms
    [InlineData("bird", "idea", false)] // nothing in common but "entity"
    [InlineData("quickly", "slowly", false)] // not nouns
    public void Lexicon_tells_different_things_of_one_kind(string a, string b, bool expected) =>
        Assert.Equal(expected, WordNetLexicon.Shared.SameKind(a, b));

    [Fact]
    public void All_senses_open_a_rare_sense_the_default_policy_keeps_closed()
    {
        // "racket" is first a noise; its tennis sense is tagged too rarely to count by default.
        var all = WordNetLexicon.Shared.With(new SensePolicy { MaxSenses = 10, MinTaggedShare = 0 });
        Assert.Equal(WordRelation.Synonym, all.Relate("racquet", "racket"));
        Assert.NotEqual(WordRelation.Synonym, WordNetLexicon.Shared.Relate("racquet", "racket"));
    }
}
