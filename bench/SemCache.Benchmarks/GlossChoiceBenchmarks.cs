using BenchmarkDotNet.Attributes;
using SemCache.Core.Index;
using SemCache.Embedding;
using SemCache.Matching;
using SemCache.Matching.Translation;

namespace SemCache.Benchmarks;

/// <summary>
/// What choosing glosses for a candidate across languages adds to a lookup (int8 MiniLM, the default): the
/// query's own embedding (baseline, every lookup pays it), and the re-scoring of one candidate in the band, which
/// embeds the query with the chosen glosses and, unless the index returned its vector, the candidate's text.
/// Lookups with no such candidate pay nothing.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GlossChoiceBenchmarks
{
    private const string Query = "las rosas blancas en un jarrón de cristal";
    private const string Stored = "white roses in a glass vase";
    private OnnxSentenceEmbedder _embedder = null!;
    private SemanticDecider _decider = null!;
    private float[] _queryVector = [];
    private IndexCandidate[] _candidates = [];
    private IndexCandidate[] _withVector = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _embedder = MiniLmEmbedder.CreateInt8(modelDirectory: null);
        _decider = new SemanticDecider(new MatchOptions());
        _queryVector = (await _embedder.GenerateAsync([_decider.EmbeddingText(Query, false)]))[0].Vector.ToArray();
        _candidates = [new IndexCandidate("k", Stored, "b", 0.6f)];
        _withVector = [_candidates[0] with { Vector = (await _embedder.GenerateAsync([Stored]))[0].Vector.ToArray() }];
        if (_decider.GlossChoices(Query, _candidates, false).Count == 0)
        {
            throw new InvalidOperationException("the benchmark pair must have a gloss choice");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _embedder.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<float> EmbedQuery() => (await _embedder.GenerateAsync([_decider.EmbeddingText(Query, false)]))[0].Vector.Span[0];

    [Benchmark]
    public async Task<float> RescoreOneCandidate() =>
        (await GlossChoiceScorer.RescoreAsync(_decider, _embedder, Query, _queryVector, _candidates, false))[0].Similarity;

    /// <summary>As the server runs it: the index returns the candidate's stored vector, so only the query is embedded.</summary>
    [Benchmark]
    public async Task<float> RescoreOneCandidateWithStoredVector() =>
        (await GlossChoiceScorer.RescoreAsync(_decider, _embedder, Query, _queryVector, _withVector, false))[0].Similarity;
}
