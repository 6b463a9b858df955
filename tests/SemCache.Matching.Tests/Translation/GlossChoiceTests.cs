using Microsoft.Extensions.AI;
using SemCache.Core.Index;
using SemCache.Core.Numerics;
using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Translation;

/// <summary>Candidates across languages embedded again with the glosses the other prompt uses (real MiniLM).</summary>
public sealed class GlossChoiceTests
{
    private static readonly SemanticDecider Decider = new(new MatchOptions());

    private static async Task<float[]> EmbedAsync(string text) =>
        (await SharedEmbedder.Instance.GenerateAsync([text]))[0].Vector.ToArray();

    [Fact]
    public void An_ambiguous_word_is_glossed_for_the_candidate()
    {
        // "rosas" is first read as the colour; against "white roses" the noun is the translation.
        Assert.Equal("the pink white", Decider.Render("las rosas blancas")!.Text);
        var choices = Decider.GlossChoices("las rosas blancas", [new IndexCandidate("k", "white roses", "b", 0.7f)], multilingualEmbedder: false);
        var choice = Assert.Single(choices);
        Assert.Equal("the roses white", choice.Query);
        Assert.Equal("white roses", choice.Stored);
        Assert.False(choice.QueryUnchanged);
    }

    [Fact]
    public void Only_pairs_across_languages_above_the_floor_and_with_a_different_reading_are_chosen()
    {
        IndexCandidate[] candidates =
        [
            new("a", "white roses", "b", 0.3f), // below the floor
            new("b", "rosas rojas", "b", 0.9f), // same language
            new("c", "the pink white", "b", 0.9f), // the usual glosses already
        ];
        Assert.Empty(Decider.GlossChoices("las rosas blancas", candidates, multilingualEmbedder: false));
        Assert.Empty(Decider.GlossChoices("las rosas blancas", [new IndexCandidate("k", "white roses", "b", 0.7f)], multilingualEmbedder: true));
        Assert.Empty(Decider.GlossChoices("las rosas blancas", [new IndexCandidate("k", "白いバラ", "b", 0.7f)], false)); // Japanese: no bridge, the language guard rejects it
        Assert.Empty(new SemanticDecider(new MatchOptions { GlossChoiceCandidates = 0 }).GlossChoices("las rosas blancas", [new IndexCandidate("k", "white roses", "b", 0.7f)], false));
    }

    [Fact]
    public async Task The_candidate_keeps_the_higher_similarity_of_the_two_readings()
    {
        var query = await EmbedAsync(Decider.EmbeddingText("las rosas blancas", multilingualEmbedder: false));
        var stored = await EmbedAsync("white roses");
        var searched = VectorMath.Dot(query, stored);
        var rescored = await GlossChoiceScorer.RescoreAsync(Decider, SharedEmbedder.Instance, "las rosas blancas", query, [new IndexCandidate("k", "white roses", "b", searched)], multilingualEmbedder: false);

        var expected = VectorMath.Dot(await EmbedAsync("the roses white"), stored);
        Assert.True(expected > searched, $"{expected} > {searched}");
        Assert.Equal(expected, rescored[0].Similarity, 4);
    }

    [Fact]
    public async Task An_english_candidates_stored_vector_is_used_instead_of_embedding_it_again()
    {
        var query = await EmbedAsync(Decider.EmbeddingText("las rosas blancas", multilingualEmbedder: false));
        var stored = await EmbedAsync("white roses");
        var counting = new CountingEmbedder(SharedEmbedder.Instance);
        var candidate = new IndexCandidate("k", "white roses", "b", VectorMath.Dot(query, stored)) { Vector = stored };

        var rescored = await GlossChoiceScorer.RescoreAsync(Decider, counting, "las rosas blancas", query, [candidate], multilingualEmbedder: false);

        Assert.Equal(["the roses white"], counting.Texts); // the query with the chosen glosses only
        Assert.Equal(VectorMath.Dot(await EmbedAsync("the roses white"), stored), rescored[0].Similarity, 4);
        Assert.Equal(candidate.Similarity, rescored[0].SearchedSimilarity);
    }

    private sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner)
        : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string> Texts { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Texts.AddRange(list);
            return inner.GenerateAsync(list, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task The_evaluation_scores_pairs_as_the_server_does()
    {
        LabelledPair pair = new("las rosas blancas", "white roses", 1, "translation", "es-en", "test");
        var with = await new PairEvaluator(SharedEmbedder.Instance, new MatchOptions()).ScoreAsync([pair]);
        var without = await new PairEvaluator(SharedEmbedder.Instance, new MatchOptions { GlossChoiceCandidates = 0 }).ScoreAsync([pair]);
        Assert.True(with[0].Similarity > without[0].Similarity, $"{with[0].Similarity} > {without[0].Similarity}");
    }
}
