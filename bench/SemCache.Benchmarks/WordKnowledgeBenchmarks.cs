using BenchmarkDotNet.Attributes;
using SemCache.Core.Index;
using SemCache.Embedding;
using SemCache.Matching;

namespace SemCache.Benchmarks;

/// <summary>
/// The semantic decision after the search, on real dev-test pairs: each query against 3 candidates above the
/// threshold (so everything runs), with word knowledge (WordNet alignment) on and off; and the analysis of a new
/// prompt (tokens, classes, sentence structure, features), which a lookup pays once per query.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class WordKnowledgeBenchmarks
{
    private SemanticDecider _decider = null!;
    private (string Query, PromptProfile Profile, IndexCandidate[] Candidates)[] _cases = null!;
    private string[] _workload = null!;
    private int _next;

    [Params(false, true)]
    public bool WordKnowledge { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot();
        var pairs = File.ReadLines(Path.Combine(root, "datasets", "pairs", "dev-test.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f[4] == "en").Take(600).ToArray();
        _decider = new SemanticDecider(new MatchOptions { WordKnowledge = WordKnowledge });
        using var embedder = MiniLmEmbedder.Create();
        _cases = [.. pairs.Select((f, i) => (f[0], _decider.Profile(f[0], embedder), new[]
        {
            new IndexCandidate("k1", f[1], "b", 0.95f),
            new IndexCandidate("k2", pairs[(i + 1) % pairs.Length][1], "b", 0.94f),
            new IndexCandidate("k3", pairs[(i + 2) % pairs.Length][1], "b", 0.93f),
        }))];
        _workload = [.. File.ReadLines(Path.Combine(root, "datasets", "workload", "prompts.txt")).Take(2000)];
        foreach (var c in _cases)
        {
            _decider.Decide(c.Query, c.Profile, c.Candidates, false); // warm the analysis cache, as a running server is
        }
    }

    /// <summary>One lookup's decision over 3 candidates whose analyses are cached (as stored prompts are).</summary>
    [Benchmark]
    public MatchDecision DecideThreeCandidates()
    {
        var c = _cases[_next++ % _cases.Length];
        return _decider.Decide(c.Query, c.Profile, c.Candidates, false);
    }

    /// <summary>Analysis of a prompt never seen before (real DiffusionDB prompts, often long).</summary>
    [Benchmark]
    public PromptAnalysis AnalyzeNewPrompt() => PromptAnalysis.Analyze(_workload[_next++ % _workload.Length]);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }
}
