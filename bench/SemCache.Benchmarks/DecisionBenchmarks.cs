using BenchmarkDotNet.Attributes;
using SemCache.Core.Index;
using SemCache.Matching;
using SemCache.Matching.Verifier;

namespace SemCache.Benchmarks;

/// <summary>
/// The semantic decision over 3 candidates, all above both similarity floors so that every guard (and the verifier)
/// runs: today's guard rule as the baseline, then the verifier decision, and one verifier score alone. Queries and
/// candidates are dev-tune prompts (datasets/pairs/dev-tune.tsv), analyses cached as in a running server.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionBenchmarks
{
    private readonly SemanticDecider _guards = new(new MatchOptions());
    private readonly SemanticDecider _verifier = new(new MatchOptions { VerifierEnabled = true });
    private readonly PromptProfile _profile = new("en", 1, true, null);
    private (string Query, IndexCandidate[] Candidates)[] _cases = [];
    private (PromptAnalysis Query, PromptAnalysis Candidate)[] _pairs = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var rows = File.ReadLines(Path.Combine(RepoRoot(), "datasets", "pairs", "dev-tune.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f[4] == "en").Take(256).ToArray();
        _cases = [.. rows.Select((f, i) => (f[0], new[]
        {
            new IndexCandidate("k0", f[1], "b", 0.97f),
            new IndexCandidate("k1", rows[(i + 1) % rows.Length][1], "b", 0.96f),
            new IndexCandidate("k2", rows[(i + 2) % rows.Length][1], "b", 0.95f),
        }))];
        _pairs = [.. rows.Select(f => (PromptAnalysis.Analyze(f[0]), PromptAnalysis.Analyze(f[1])))];
        _ = PairVerifier.Shipped;
    }

    [Benchmark(Baseline = true)]
    public MatchDecision Guards() => Decide(_guards);

    [Benchmark]
    public MatchDecision Verifier() => Decide(_verifier);

    [Benchmark]
    public float ScoreOnePair()
    {
        var (q, c) = _pairs[_next++ % _pairs.Length];
        return PairVerifier.Shipped.Score(q, c, 0.95f, []);
    }

    private MatchDecision Decide(SemanticDecider decider)
    {
        var (query, candidates) = _cases[_next++ % _cases.Length];
        return decider.Decide(query, _profile, candidates, multilingualEmbedder: false);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
