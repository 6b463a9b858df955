using SemCache.Matching;
using SemCache.Matching.Verifier;

namespace SemCache.Tests.Verifier;

public sealed class PairFeatureExtractorTests
{
    private static float[] Extract(string query, string candidate, float similarity = 0.9f)
    {
        var q = PromptAnalysis.Analyze(query);
        var c = PromptAnalysis.Analyze(candidate);
        return PairFeatureExtractor.Shipped.Extract(q, c, similarity, [new GuardVerdict(GuardNames.Content, false, null)]);
    }

    private static float Feature(float[] features, string name) => features[IndexOf(name)];

    private static int IndexOf(string name) => PairFeatureExtractor.Names.ToList().IndexOf(name);

    [Fact]
    public void Vector_has_one_value_per_named_feature()
    {
        Assert.Equal(PairFeatureExtractor.Names.Count, Extract("a dog", "a cat").Length);
        Assert.Equal(PairFeatureExtractor.Names.Count, PairFeatureExtractor.Names.Distinct().Count());
    }

    [Fact]
    public void Counts_differing_content_words_and_their_wordnet_relation()
    {
        var f = Extract("a tiny dog on a sofa", "a small cat on a sofa");

        Assert.Equal(0.9f, Feature(f, "similarity"));
        Assert.Equal(2, Feature(f, "only_query"));
        Assert.Equal(2, Feature(f, "only_candidate"));
        Assert.Equal(0, Feature(f, "content_guard"));
        Assert.Equal(1, Feature(f, "relation_similarto")); // tiny ~ small
        Assert.Equal(1, Feature(f, "relation_none") + Feature(f, "relation_cohyponym") + Feature(f, "relation_querymorespecific"));
    }

    [Fact]
    public void Same_content_in_another_order_has_no_differing_words_but_a_lower_bigram_overlap()
    {
        var same = Extract("a red car and a blue bench", "a red car and a blue bench");
        var reordered = Extract("a dog chasing a cat", "a cat chasing a dog");

        Assert.Equal(1, Feature(same, "content_bigram_jaccard"));
        Assert.Equal(0, Feature(reordered, "only_query"));
        Assert.True(Feature(reordered, "content_bigram_jaccard") < 1);
        Assert.Equal(0, Feature(reordered, "same_order"));
    }

    [Fact]
    public void A_model_trained_on_other_features_is_refused()
    {
        var model = PairVerifier.Shipped.Model with { Features = ["similarity"] };
        Assert.Throws<InvalidDataException>(() => new PairVerifier(model, PairFeatureExtractor.Shipped));
    }
}
