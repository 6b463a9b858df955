using SemCache.Core.Index;
using SemCache.Matching;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Verifier;

/// <summary>The decision with the shipped verifier on: reliable guards veto, the verifier decides the rest.</summary>
public sealed class VerifierDecisionTests
{
    private readonly SemanticDecider _decider = new(new MatchOptions { VerifierEnabled = true });

    private static IndexCandidate Candidate(string prompt, float similarity) => new("key:" + prompt, prompt, "blob", similarity);

    private MatchDecision Decide(string query, params IndexCandidate[] candidates) =>
        _decider.Decide(query, _decider.Profile(query, SharedEmbedder.Instance), candidates, multilingualEmbedder: false);

    [Fact]
    public void A_vetoed_candidate_is_never_scored_or_served()
    {
        var decision = Decide("a red car on a blue bench", Candidate("a blue car on a red bench", 0.99f));

        Assert.False(decision.IsHit);
        Assert.Null(decision.Candidates[0].VerifierScore);
        Assert.Contains("colour", decision.Reason);
    }

    [Fact]
    public void What_every_guard_accepts_is_served_without_asking_the_verifier()
    {
        var decision = Decide("a cat sitting on a sofa", Candidate("A cat is sitting on the couch.", 0.95f));

        Assert.True(decision.IsHit, decision.Reason);
        Assert.Null(decision.Candidates[0].VerifierScore);
    }

    [Fact]
    public void A_changed_action_passes_the_vetoes_but_scores_below_the_cut_off()
    {
        var decision = Decide("a dog sitting on a bench", Candidate("a dog standing on a bench", 0.8f));

        Assert.False(decision.IsHit);
        Assert.NotNull(decision.Candidates[0].VerifierScore);
        Assert.True(decision.Candidates[0].VerifierScore < _decider.VerifierCutoff);
        Assert.Contains(decision.Candidates[0].Guards, g => g.Guard == GuardNames.Content && !g.Passed);
    }

    [Fact]
    public void Only_the_configured_number_of_candidates_is_scored()
    {
        var decider = new SemanticDecider(new MatchOptions { VerifierEnabled = true, VerifierCandidates = 1 });
        const string query = "a dog sitting on a bench";
        var decision = decider.Decide(
            query, decider.Profile(query, SharedEmbedder.Instance),
            [Candidate("a dog standing on a bench", 0.95f), Candidate("a dog lying on a bench", 0.94f)], multilingualEmbedder: false);

        Assert.False(decision.IsHit);
        Assert.NotNull(decision.Candidates[0].VerifierScore);
        Assert.Null(decision.Candidates[1].VerifierScore);
    }
}
