using SemCache.Matching;
using SemCache.Matching.Verifier;

namespace SemCache.Tests.Verifier;

/// <summary>The shipped WordNet relations, looked up by the analyser's lemmas as the verifier does.</summary>
public sealed class WordNetRelationsTests
{
    private static WordRelation Relate(string query, string candidate) =>
        WordNetRelations.Shipped.Relate(Lemma(query), Lemma(candidate));

    private static string Lemma(string word) => Assert.Single(PromptAnalysis.Analyze(word).Content);

    [Theory]
    [InlineData("car", "automobile", WordRelation.SameSynset)]
    [InlineData("tiny", "small", WordRelation.SimilarTo)]
    [InlineData("small", "large", WordRelation.Antonym)]
    [InlineData("animal", "dog", WordRelation.QueryMoreGeneral)]
    [InlineData("dog", "animal", WordRelation.QueryMoreSpecific)]
    [InlineData("violin", "cello", WordRelation.CoHyponym)]
    [InlineData("dog", "teapot", WordRelation.None)]
    public void Relates_words_as_wordnet_does(string query, string candidate, WordRelation expected) =>
        Assert.Equal(expected, Relate(query, candidate));

    [Fact]
    public void Unknown_words_have_no_relation() =>
        Assert.Equal(WordRelation.None, WordNetRelations.Shipped.Relate("zzqx", "dog"));
}
