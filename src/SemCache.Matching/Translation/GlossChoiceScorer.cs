using Microsoft.Extensions.AI;
using SemCache.Core.Index;
using SemCache.Core.Numerics;

namespace SemCache.Matching.Translation;

/// <summary>
/// Gives candidates across languages the similarity of their texts with glosses chosen for the pair, when it is
/// higher than the one the search found (see <see cref="MatchOptions.GlossChoiceCandidates"/>). A word-by-word
/// rendering takes each word's usual gloss; the reading that agrees with the other prompt is as much a translation.
/// </summary>
public static class GlossChoiceScorer
{
    /// <param name="queryVector">The vector of the query's embedding text (what the search used).</param>
    /// <returns>The candidates, best first; the same list when nothing was worth embedding again.</returns>
    public static async Task<IReadOnlyList<IndexCandidate>> RescoreAsync(
        SemanticDecider decider,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        string canonicalQueryPrompt,
        ReadOnlyMemory<float> queryVector,
        IReadOnlyList<IndexCandidate> candidates,
        bool multilingualEmbedder,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(embedder);
        var choices = decider.GlossChoices(canonicalQueryPrompt, candidates, multilingualEmbedder);
        if (choices.Count == 0)
        {
            return candidates;
        }

        var texts = new List<string>();
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var choice in choices)
        {
            if (!choice.QueryUnchanged)
            {
                Intern(choice.Query);
            }

            if (StoredVector(choice, candidates[choice.Candidate]) is null)
            {
                Intern(choice.Stored);
            }
        }

        var vectors = texts.Count == 0 ? [] : await embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        var rescored = candidates.ToArray();
        foreach (var choice in choices)
        {
            var query = choice.QueryUnchanged ? queryVector.Span : vectors[slots[choice.Query]].Vector.Span;
            var stored = StoredVector(choice, candidates[choice.Candidate]) is { } own ? own : vectors[slots[choice.Stored]].Vector.Span;
            var similarity = VectorMath.Dot(query, stored);
            if (similarity > rescored[choice.Candidate].Similarity)
            {
                rescored[choice.Candidate] = rescored[choice.Candidate] with { Similarity = similarity, SearchedSimilarity = rescored[choice.Candidate].Similarity };
            }
        }

        // Stable: candidates of equal similarity keep the search's order.
        return [.. rescored.OrderByDescending(c => c.Similarity)];

        void Intern(string text)
        {
            if (slots.TryAdd(text, texts.Count))
            {
                texts.Add(text);
            }
        }
    }

    /// <summary>
    /// The index's own vector for the stored side when its text is the stored prompt itself (an English prompt): the
    /// same embedder made it from the same text, so it need not be embedded again. A rendered prompt's vector may
    /// come from an older rendering, so it is embedded.
    /// </summary>
    private static float[]? StoredVector(GlossChoice choice, IndexCandidate candidate) =>
        string.Equals(choice.Stored, candidate.Prompt, StringComparison.Ordinal) ? candidate.Vector : null;
}
