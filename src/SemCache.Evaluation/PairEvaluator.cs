using Microsoft.Extensions.AI;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Numerics;
using SemCache.Core.Requests;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Matching.Verifier;

namespace SemCache.Evaluation;

/// <summary>
/// Runs labelled pairs through the real semantic decision: a is the query, b the stored candidate (similarity = dot
/// product of the normalised embeddings), in one partition. A prompt that is not semantic-eligible is neither
/// searched nor stored, so such a pair is never served. Each distinct prompt is embedded once, in batches.
/// </summary>
public sealed class PairEvaluator
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IPromptCoverage _coverage;
    private readonly int _batchSize;

    /// <param name="embedder">Must also implement <see cref="IPromptCoverage"/> (all semcache embedders do).</param>
    /// <param name="verifier">With <see cref="MatchOptions.VerifierEnabled"/>: the verifier to use (default: the shipped one).</param>
    public PairEvaluator(IEmbeddingGenerator<string, Embedding<float>> embedder, MatchOptions options, int batchSize = 64, PairVerifier? verifier = null)
    {
        _embedder = embedder;
        _coverage = embedder as IPromptCoverage
            ?? throw new ArgumentException("The embedder must implement IPromptCoverage.", nameof(embedder));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Decider = options.VerifierEnabled ? new SemanticDecider(options, verifier ?? PairVerifier.Shipped) : new SemanticDecider(options);
        _batchSize = batchSize;
    }

    public SemanticDecider Decider { get; }

    public MatchOptions Options => Decider.Options;

    /// <summary>Evaluates at <see cref="MatchOptions.Threshold"/> (or with the verifier), one real decision per pair.</summary>
    public async Task<EvalReport> EvaluateAsync(IReadOnlyList<LabelledPair> pairs, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(pairs, cancellationToken).ConfigureAwait(false);
        var outcomes = new (LabelledPair, bool)[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            outcomes[i] = (pairs[i], Decide(Decider, prepared[i]).IsHit);
        }

        return EvalReport.Build(Options.Threshold, outcomes);
    }

    /// <summary>
    /// Scores every pair once, independent of the threshold (guards are run for every non-negative similarity),
    /// so that a threshold sweep or a guard ablation needs no further embedding.
    /// </summary>
    public async Task<IReadOnlyList<PairScore>> ScoreAsync(IReadOnlyList<LabelledPair> pairs, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(pairs, cancellationToken).ConfigureAwait(false);
        var open = new SemanticDecider(Options with { Threshold = 0f, VerifierEnabled = false }, Decider.Renderer);
        var scores = new PairScore[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = prepared[i];
            var decision = Decide(open, p);
            var verdict = decision.Candidates.Count > 0 ? decision.Candidates[0] : null;
            scores[i] = new PairScore(
                pairs[i], p.Similarity, p.QueryProfile.SemanticEligible && p.CandidateProfile.SemanticEligible, verdict?.Guards ?? [],
                verdict is { SameContent: true } ? Options.AlignedThreshold : null);
        }

        return scores;
    }

    private MatchDecision Decide(SemanticDecider decider, PreparedPair p)
    {
        // The candidate was never stored if it is not eligible: the search finds nothing.
        IReadOnlyList<IndexCandidate> candidates = p.CandidateProfile.SemanticEligible
            ? [new IndexCandidate("candidate", p.B, "blob", p.Similarity)]
            : [];
        return decider.Decide(p.A, p.QueryProfile, candidates, _coverage.IsMultilingual);
    }

    private async Task<PreparedPair[]> PrepareAsync(IReadOnlyList<LabelledPair> pairs, CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        foreach (var pair in pairs)
        {
            Intern(PromptText.Canonicalize(pair.A), index, texts);
            Intern(PromptText.Canonicalize(pair.B), index, texts);
        }

        // What the server embeds and stores: the English rendering of es/fr/de prompts for an English-only embedder.
        var embedded = texts.ConvertAll(t => Decider.EmbeddingText(t, _coverage.IsMultilingual));
        var vectors = await EmbedAsync(embedded, cancellationToken).ConfigureAwait(false);
        var profiles = new PromptProfile[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            profiles[i] = Decider.Profile(texts[i], _coverage);
        }

        var prepared = new PreparedPair[pairs.Count];
        var choices = new List<(int Pair, int Query, int Stored, GlossChoice Choice)>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var a = index[PromptText.Canonicalize(pairs[i].A)];
            var b = index[PromptText.Canonicalize(pairs[i].B)];
            prepared[i] = new PreparedPair(texts[a], texts[b], profiles[a], profiles[b], VectorMath.Dot(vectors[a], vectors[b]));
            var choice = Decider.GlossChoices(texts[a], [new IndexCandidate("candidate", texts[b], "blob", prepared[i].Similarity)], _coverage.IsMultilingual);
            if (choice.Count > 0)
            {
                choices.Add((i, a, b, choice[0]));
            }
        }

        // As the server does after its search (GlossChoiceScorer): pairs across languages embedded again with glosses
        // chosen for each other keep the higher similarity; a side whose text did not change keeps the vector it
        // already has, as the index returns the stored one. Batched here over all pairs.
        if (choices.Count > 0)
        {
            var again = new Dictionary<string, int>(StringComparer.Ordinal);
            var againTexts = new List<string>();
            foreach (var (_, _, stored, choice) in choices)
            {
                if (!choice.QueryUnchanged)
                {
                    Intern(choice.Query, again, againTexts);
                }

                if (!string.Equals(choice.Stored, texts[stored], StringComparison.Ordinal))
                {
                    Intern(choice.Stored, again, againTexts);
                }
            }

            var againVectors = await EmbedAsync(againTexts, cancellationToken).ConfigureAwait(false);
            foreach (var (pair, query, stored, choice) in choices)
            {
                var queryVector = choice.QueryUnchanged ? vectors[query] : againVectors[again[choice.Query]];
                var storedVector = string.Equals(choice.Stored, texts[stored], StringComparison.Ordinal) ? vectors[stored] : againVectors[again[choice.Stored]];
                var similarity = VectorMath.Dot(queryVector, storedVector);
                if (similarity > prepared[pair].Similarity)
                {
                    prepared[pair] = prepared[pair] with { Similarity = similarity };
                }
            }
        }

        return prepared;
    }

    private async Task<float[][]> EmbedAsync(List<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += _batchSize)
        {
            var batch = texts.GetRange(start, Math.Min(_batchSize, texts.Count - start));
            var embeddings = await _embedder.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                var v = embeddings[i].Vector.ToArray();
                VectorMath.NormalizeInPlace(v);
                vectors[start + i] = v;
            }
        }

        return vectors;
    }

    private static void Intern(string text, Dictionary<string, int> index, List<string> texts)
    {
        if (!index.ContainsKey(text))
        {
            index[text] = texts.Count;
            texts.Add(text);
        }
    }
}
