using SemCache.Core.Index;
using SemCache.Matching;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Matching;

/// <summary>
/// Grammar that does not change the picture does not cause a miss; a changed relation between objects does. Through
/// the decider, with the candidate well above the threshold so that the structure alone decides.
/// </summary>
public sealed class SentenceStructureTests
{
    private readonly SemanticDecider _decider = new(new MatchOptions());

    private MatchDecision Decide(string query, string stored) =>
        _decider.Decide(query, _decider.Profile(query, SharedEmbedder.Instance), [new IndexCandidate("k", stored, "b", 0.95f)], multilingualEmbedder: false);

    [Theory]
    // Active and passive.
    [InlineData("a door being opened by a man", "a man opening a door")]
    [InlineData("a man being bitten by a dog", "a dog biting a man")]
    [InlineData("a cake baked by a child", "a child baking a cake")]
    // Relative clauses and predicate adjectives.
    [InlineData("a room which is dim", "a dim room")]
    [InlineData("a car that is red", "a red car")]
    [InlineData("the rose is short and the tulip is tall", "a tall tulip and a short rose")]
    // "there is" framing and articles.
    [InlineData("there is a cat on the sofa", "a cat on a sofa")]
    // Of-phrases.
    [InlineData("a puddle of rain", "a rain puddle")]
    [InlineData("a glass of water on a table", "a water glass on a table")]
    // Appositive attributes keep their binding.
    [InlineData("a lighthouse, red, on a cliff at dawn", "a red lighthouse on a cliff at dawn")]
    // Clauses reordered across "while" and "but".
    [InlineData("a man reading a book while a woman sleeps", "a woman sleeps while a man reading a book")]
    [InlineData("a red car but a blue bench", "a blue bench but a red car")]
    public void Same_picture_in_another_structure_is_served(string query, string stored)
    {
        var decision = Decide(query, stored);
        Assert.True(decision.IsHit, decision.Reason);
    }

    [Theory]
    // Swapped roles survive the passive.
    [InlineData("a man being bitten by a dog", "a man biting a dog")]
    [InlineData("a dog biting a man's hand", "a man biting a dog's hand")]
    // Swapped predicate adjectives.
    [InlineData("the rose is short and the tulip is tall", "the rose is tall and the tulip is short")]
    [InlineData("a lighthouse, red, on a cliff at dawn", "a lighthouse on a red cliff at dawn")]
    // Prepositions between the same objects.
    [InlineData("a cat sitting on a chair", "a cat sitting under a chair")]
    [InlineData("a cat in a box", "a cat on a box")]
    [InlineData("a man jumping off a boat", "a man jumping onto a boat")]
    [InlineData("a bird flying into a house", "a bird flying from a house")]
    [InlineData("a cat on a box", "a box on a cat")]
    public void Changed_relations_are_missed(string query, string stored)
    {
        var decision = Decide(query, stored);
        Assert.False(decision.IsHit, $"served '{stored}' for '{query}'");
    }

    [Fact]
    public void A_preposition_conflict_is_named()
    {
        var decision = Decide("a cat in a box", "a cat on a box");
        var guard = decision.Candidates[0].Guards.Single(g => g.Guard == GuardNames.RelationWords);
        Assert.False(guard.Passed);
        Assert.Equal("'in' vs 'on' before 'box'", guard.Reason);
    }

    [Fact]
    public void On_top_of_shares_on_with_on()
    {
        var guard = new RelationWordGuard();
        var verdict = guard.Check(PromptAnalysis.Analyze("a lamp on top of a table"), PromptAnalysis.Analyze("a lamp on a table"));
        Assert.True(verdict.Passed, verdict.Reason);
    }
}
