using SemCache.Matching;

namespace SemCache.Tests.Matching;

/// <summary>The content guard's word knowledge: synonyms, general words covering specific ones, verb particles.</summary>
public sealed class ContentGuardWordKnowledgeTests
{
    private readonly ContentGuard _guard = new();

    [Theory]
    [InlineData("A person sitting on a bench in a park.", "A woman sitting on a bench in a park.")]
    [InlineData("a child brushing his teeth in the bathroom", "a boy brushing his teeth in the bathroom")]
    [InlineData("a bowl of fruit on a table", "a bowl of apples on a table")]
    [InlineData("Someone kicking a soccer ball", "A person kicking a soccer ball")]
    [InlineData("two dogs laying down on a brown couch", "Two dogs are lying on the brown couch.")]
    [InlineData("A woman holding up a large carrot", "A woman holding a large carrot")]
    [InlineData("A small restroom with a toilet", "A small bathroom with a toilet")]
    [InlineData("a burger on a plate", "a hamburger on a plate")]
    [InlineData("two ladies looking at a cell phone", "two women looking at a phone")]
    [InlineData("A small bird standing on a rocky shore", "a small bird standing on a rocky beach")]
    [InlineData("a dog playing in the yard", "a dog playing on the lawn")]
    [InlineData("A line of motorcycles parked on a street", "A row of motorcycles parked on a street")]
    public void Same_picture_in_other_words_passes(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);

    [Theory]
    // A specific query is not served a general candidate: the stored "person" may be a man.
    [InlineData("A woman sitting on a bench in a park.", "A person sitting on a bench in a park.")]
    [InlineData("a bowl of apples on a table", "a bowl of fruit on a table")]
    // Siblings under one general word stay different.
    [InlineData("A man sitting on a bench", "A woman sitting on a bench")]
    [InlineData("a batter on a baseball field", "a pitcher on a baseball field")]
    [InlineData("a dog lying on a bed", "a cat lying on a bed")]
    // Posture and action verbs are not synonyms, particles aside.
    [InlineData("a cat lying down on a bed", "a cat sitting on a bed")]
    [InlineData("a giraffe standing next to a tree", "a giraffe lying down next to a tree")]
    // Places that are not the same place stay different.
    [InlineData("A small bird standing on a rocky ground", "a small bird standing on a rocky beach")]
    [InlineData("a castle in a forest", "a castle in a desert")]
    // "cell" is only dropped before "phone".
    [InlineData("a man in a prison cell", "a man in a prison")]
    // One general word covers one specific word, not two.
    [InlineData("a person on a bench", "a man and a woman on a bench")]
    public void Different_picture_still_fails(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Fact]
    public void A_covered_word_is_explained()
    {
        var verdict = _guard.Check(PromptAnalysis.Analyze("a person on a bench"), PromptAnalysis.Analyze("a woman on a bench"));
        Assert.True(verdict.Passed);
        Assert.Contains("person", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("woman", verdict.Reason, StringComparison.Ordinal);
    }
}
