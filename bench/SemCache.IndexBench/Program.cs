using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SemCache.Core.Index;
using SemCache.Core.Numerics;
using SemCache.Index.Embedded;
using SemCache.IndexBench;

// Top-5 search in one partition of N entries of the embedded index: the scan (int8 candidates) against the HNSW graph
// (USearch), both re-scoring their candidates from the fp32 vectors in SQLite; latency p50/p99, recall@1 against a
// brute-force fp32 scan done here, whether every returned similarity is the exact fp32 cosine, open and build times,
// memory. Vectors: ComposedVectors (default) or WorkloadVectors' mixtures (INDEXBENCH_VECTORS=mixture). Prints CSV
// rows `metric,value,unit,target` on stdout, details on stderr.
// usage: dotnet run -c Release --project bench/SemCache.IndexBench -- [entries=100000] [queries=1000] [work=.artifacts/bench] [efSearch] [candidates]
// (efSearch and candidates default to the index's own, ApproximateSearchOptions)
var inv = CultureInfo.InvariantCulture;
var entries = args.Length > 0 ? int.Parse(args[0], inv) : 100_000;
var queryCount = args.Length > 1 ? int.Parse(args[1], inv) : 1000;
var work = args.Length > 2 ? args[2] : ".artifacts/bench";
var efSearch = args.Length > 3 ? int.Parse(args[3], inv) : new ApproximateSearchOptions().ExpansionSearch;
var candidates = args.Length > 4 ? int.Parse(args[4], inv) : new ApproximateSearchOptions().Candidates;
const string Partition = "bench-partition";
const string Embedder = "sentence-transformers/all-MiniLM-L6-v2@bench";
const int K = 5;

var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
// INDEXBENCH_VECTORS: "composed" (default; real int8 MiniLM embeddings of real and composed prompts, ComposedVectors)
// or "mixture" (noisy mixtures of the workload prompts' vectors, WorkloadVectors: the harder, unreal case).
var kind = Environment.GetEnvironmentVariable("INDEXBENCH_VECTORS") ?? ComposedVectors.Name;
float[][] vectors, queries;
string directory;
if (kind == ComposedVectors.Name)
{
    var composed = ComposedVectors.Load(root, work);
    vectors = composed.Entries(entries);
    queries = [.. composed.Queries(entries, queryCount).Select(q => q.Query)];
    directory = Path.Combine(work, $"embedded-composed-{entries}");
}
else if (kind == "mixture")
{
    var workload = WorkloadVectors.Load(Path.Combine(root, "datasets/workload/prompts.txt"), Path.Combine(work, "minilm-workload.f32"));
    vectors = workload.Entries(entries, seed: 42);
    queries = workload.Queries(vectors, queryCount, seed: 7);
    directory = Path.Combine(work, $"embedded-{entries}");
}
else
{
    Console.Error.WriteLine($"INDEXBENCH_VECTORS must be composed or mixture, not '{kind}'");
    return 2;
}

var label = entries >= 1_000_000 ? $"{entries / 1_000_000}m" : $"{entries / 1000}k";
// INDEXBENCH_M / INDEXBENCH_EF_CONSTRUCTION: another graph than the index's defaults (a saved graph with other
// parameters is rebuilt).
var defaults = new ApproximateSearchOptions();
var graphOptions = new ApproximateSearchOptions
{
    MinRows = 1000,
    BuildInBackground = false,
    ExpansionSearch = efSearch,
    Candidates = candidates,
    Connectivity = int.Parse(Environment.GetEnvironmentVariable("INDEXBENCH_M") ?? defaults.Connectivity.ToString(inv), inv),
    ExpansionAdd = int.Parse(Environment.GetEnvironmentVariable("INDEXBENCH_EF_CONSTRUCTION") ?? defaults.ExpansionAdd.ToString(inv), inv),
};
var exactOptions = new ApproximateSearchOptions { MinRows = 0 };

// Fill once (kept for the next run: same seed, same rows).
var filled = false;
using (var index = EmbeddedVectorIndex.Open(directory, exactOptions))
{
    var present = (await index.CountByPartitionAsync()).GetValueOrDefault(Partition);
    if (present != entries)
    {
        var fill = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in Enumerable.Range(0, entries).Chunk(5000))
        {
            await index.UpsertManyAsync(chunk.Select(i => new IndexEntry
            {
                Key = Hex("key", i),
                Partition = Partition,
                EmbedderId = Embedder,
                Prompt = "workload prompt " + i.ToString(inv),
                Vector = vectors[i],
                BlobSha256 = Hex("blob", i),
                Created = now,
            }).ToList());
        }

        Console.Error.WriteLine($"filled {entries} rows in {fill.Elapsed.TotalSeconds:F1} s");
        filled = true;
    }
}

// The reference: brute-force fp32 cosine over every entry, normalised as the index normalises them.
var reference = Stopwatch.StartNew();
var exactAnswers = BruteForceTop1(vectors, queries);
Console.Error.WriteLine($"brute-force fp32 reference: {reference.Elapsed.TotalSeconds:F1} s");

// Scan (no graph): int8 candidates re-scored exactly; the latency of partitions below MinRows.
var (exactOpen, scanAnswers, exactLatencies, _) = await MeasureAsync(exactOptions);
Console.Error.WriteLine($"scan: open {exactOpen:F1} s, p50 {P(exactLatencies, 0.5):F2} ms, p99 {P(exactLatencies, 0.99):F2} ms, recall@1 {Recall(scanAnswers):F4}");

// Graph: built (and saved) at the first open with no file, loaded from the file at the next.
var graphs = Path.Combine(directory, "graphs");
static bool BuiltWith(string graphs, ApproximateSearchOptions o) => Directory.GetFiles(graphs, "*.usearch.json").All(f =>
{
    using var stamp = System.Text.Json.JsonDocument.Parse(File.ReadAllText(f));
    return stamp.RootElement.GetProperty("Connectivity").GetInt32() == o.Connectivity && stamp.RootElement.GetProperty("ExpansionAdd").GetInt32() == o.ExpansionAdd;
});
if (Directory.Exists(graphs) && (filled || !BuiltWith(graphs, graphOptions)))
{
    Directory.Delete(graphs, recursive: true);
}

double? build = null;
if (!Directory.Exists(graphs))
{
    var watch = Stopwatch.StartNew();
    EmbeddedVectorIndex.Open(directory, graphOptions).Dispose();
    build = watch.Elapsed.TotalSeconds - exactOpen;
    Console.Error.WriteLine($"graph build (M {graphOptions.Connectivity}, ef_construction {graphOptions.ExpansionAdd}, int8): {build:F1} s");
}

var (graphOpen, graphAnswers, graphLatencies, memory) = await MeasureAsync(graphOptions);
// A hit is the exact top-1 itself, or a row exactly as similar (the workload repeats some prompts verbatim).
static bool Same((string Key, float Similarity) exact, (string Key, float Similarity) graph) =>
    exact.Key == graph.Key || graph.Similarity >= exact.Similarity - 1e-6f;
var recall = Recall(graphAnswers);
double Recall((string Key, float Similarity)[] answers) => exactAnswers.Zip(answers).Count(p => Same(p.First, p.Second)) / (double)queryCount;
var nearDuplicates = exactAnswers.Zip(graphAnswers).Where((_, i) => i % 2 == 1).Count(p => Same(p.First, p.Second)) / (double)(queryCount / 2);
// The queries a cache could serve from at all: exact top-1 at cosine >= 0.7 (Fallback:Threshold, the lowest
// similarity anything is served at; the calibrated Semantic:Threshold is higher).
var servable = exactAnswers.Zip(graphAnswers).Where(p => p.First.Similarity >= 0.7f).ToList();
Console.Error.WriteLine($"graph (ef_search {efSearch}, {candidates} re-scored): open {graphOpen:F1} s, p50 {P(graphLatencies, 0.5):F3} ms, p99 {P(graphLatencies, 0.99):F3} ms, recall@1 {recall:F4} (near duplicates {nearDuplicates:F4}; exact top-1 >= 0.7: {servable.Count(p => Same(p.First, p.Second)) / (double)Math.Max(1, servable.Count):F4} of {servable.Count}), memory {memory / 1e6:F0} MB");

// Every returned top-1 similarity must be the fp32 cosine of the query with that entry, bit for bit.
var keyIndex = new Dictionary<string, int>(entries);
for (var i = 0; i < entries; i++)
{
    keyIndex[Hex("key", i)] = i;
}

var exactScores = scanAnswers.Concat(graphAnswers).Select((a, i) => (a, q: i % queryCount))
    .Count(p => keyIndex.TryGetValue(p.a.Key, out var row) && Cosine(queries[p.q], vectors[row]) == p.a.Similarity);
Console.Error.WriteLine($"similarities exactly the fp32 cosine: {exactScores} of {2 * queryCount}");

Console.WriteLine($"embedded_{label}_p50_ms,{P(graphLatencies, 0.5).ToString("F3", inv)},ms (HNSW; {entries} {kind} entries),<=2");
Console.WriteLine($"embedded_{label}_p99_ms,{P(graphLatencies, 0.99).ToString("F3", inv)},ms,");
Console.WriteLine($"embedded_{label}_recall_at_1,{recall.ToString("F4", inv)},fraction vs exact scan,>=0.99");
Console.WriteLine($"embedded_{label}_exact_p50_ms,{P(exactLatencies, 0.5).ToString("F3", inv)},ms (scan: int8 candidates re-scored exactly; recall@1 {Recall(scanAnswers).ToString("F4", inv)}),");
Console.WriteLine($"embedded_{label}_exact_similarities,{exactScores},of {2 * queryCount} top-1 answers equal to the fp32 cosine,all");
Console.WriteLine($"embedded_{label}_open_s,{graphOpen.ToString("F1", inv)},s (saved graph),<=10");
Console.WriteLine($"embedded_{label}_graph_build_s,{(build?.ToString("F1", inv) ?? "n/a")},s,");
Console.WriteLine($"embedded_{label}_memory_mb_per_100k,{(memory / 1e6 * 100_000 / entries).ToString("F0", inv)},MB (managed heap + graph),<=100");
return 0;

async Task<(double Open, (string Key, float Similarity)[] Answers, double[] Latencies, long Memory)> MeasureAsync(ApproximateSearchOptions options)
{
    // Memory: managed heap retained by the open index, plus the graphs (USearch holds a loaded file's bytes natively;
    // the process RSS is no measure here, the GC keeps the previous index's pages).
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var open = Stopwatch.StartNew();
    using var index = EmbeddedVectorIndex.Open(directory, options);
    var opened = open.Elapsed.TotalSeconds;
    var graphBytes = index.GraphCount > 0 ? Directory.GetFiles(Path.Combine(directory, "graphs"), "*.usearch").Sum(f => new FileInfo(f).Length) : 0;
    var memory = GC.GetTotalMemory(forceFullCollection: true) - before + graphBytes;
    for (var i = 0; i < Math.Min(100, queries.Length); i++)
    {
        await index.SearchAsync(Partition, Embedder, queries[i], K);
    }

    var answers = new (string Key, float Similarity)[queries.Length];
    var latencies = new double[queries.Length];
    for (var q = 0; q < queries.Length; q++)
    {
        var watch = Stopwatch.StartNew();
        var found = await index.SearchAsync(Partition, Embedder, queries[q], K);
        latencies[q] = watch.Elapsed.TotalMilliseconds;
        answers[q] = found.Count > 0 ? (found[0].Key, found[0].Similarity) : (string.Empty, float.NaN);
    }

    return (opened, answers, latencies, memory);
}

// Queries and entries normalised exactly as the index does (VectorMath), so equal inputs give bit-equal scores.
static float Cosine(float[] query, float[] entry)
{
    var q = (float[])query.Clone();
    var e = (float[])entry.Clone();
    VectorMath.NormalizeInPlace(q);
    VectorMath.NormalizeInPlace(e);
    return VectorMath.Dot(q, e);
}

// Blocked so a block of entries stays in cache while every query passes over it.
static (string Key, float Similarity)[] BruteForceTop1(float[][] entries, float[][] queries)
{
    var units = queries.Select(q => { var u = (float[])q.Clone(); VectorMath.NormalizeInPlace(u); return u; }).ToArray();
    var best = Enumerable.Repeat((Row: -1, Score: float.NegativeInfinity), units.Length).ToArray();
    var block = new float[1024][];
    for (var start = 0; start < entries.Length; start += block.Length)
    {
        var n = Math.Min(block.Length, entries.Length - start);
        for (var i = 0; i < n; i++)
        {
            block[i] = (float[])entries[start + i].Clone();
            VectorMath.NormalizeInPlace(block[i]);
        }

        for (var q = 0; q < units.Length; q++)
        {
            for (var i = 0; i < n; i++)
            {
                var score = VectorMath.Dot(units[q], block[i]);
                if (score > best[q].Score)
                {
                    best[q] = (start + i, score);
                }
            }
        }
    }

    return best.Select(b => (Hex("key", b.Row), b.Score)).ToArray();
}

static double P(double[] values, double quantile)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];
}

static string Hex(string kind, int i) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(kind + i.ToString(CultureInfo.InvariantCulture))));
