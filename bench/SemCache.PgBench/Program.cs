using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SemCache.Core.Index;
using SemCache.Core.Numerics;
using SemCache.Index.Postgres;
using SemCache.IndexBench;
using SemCache.PgBench;

// Recall of pgvector's HNSW top-1 against exact search, and lookup latency, for N entries.
// usage: dotnet run -c Release --project bench/SemCache.PgBench -- [entries=100000] [queries=1000] [efSearch=100] [reuse]
// "reuse" keeps an earlier run's rows (same seed, so the same vectors); re-upserting one entry builds the HNSW
// index if that run did not get to it, so the build is timed on its own.
// PGBENCH_VECTORS=composed: the default vectors of bench/SemCache.IndexBench (int8 MiniLM embeddings of real and
// composed prompts; queries: edited copies of stored rows and held-out real prompts), embedded once and cached in
// .artifacts/bench. PGBENCH_VECTORS=workload: the noisy-mixture vectors of bench/SemCache.IndexBench (real MiniLM embeddings of the
// workload prompts and mixtures of them; queries: near duplicates of stored entries and held-out real prompts)
// instead of the synthetic topics. PGBENCH_PARTITIONS=P spreads the entries over P partitions (round robin) and
// searches each query in one of them, as a lookup does: the exact answer is the best row of that partition.
// PGBENCH_M and PGBENCH_EF_CONSTRUCTION set the HNSW build parameters (defaults 16 and 64, the index's own).
// Needs SEMCACHE__POSTGRES__CONNECTIONSTRING (eval "$(scripts/services/up.sh)"). Leaves schema bench_<entries>[...].
var entries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var efSearch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var reuse = args.Length > 3 && args[3] == "reuse";
var vectorKind = Environment.GetEnvironmentVariable("PGBENCH_VECTORS") ?? "synthetic";
var workload = vectorKind == "workload";
var composed = vectorKind == ComposedVectors.Name;
if (!workload && !composed && vectorKind != "synthetic")
{
    Console.Error.WriteLine($"PGBENCH_VECTORS must be synthetic, workload or {ComposedVectors.Name}, not '{vectorKind}'");
    return 2;
}

var partitions = int.Parse(Environment.GetEnvironmentVariable("PGBENCH_PARTITIONS") ?? "1", CultureInfo.InvariantCulture);
const int Dimensions = 384;
const int K = 5;
var connectionString = Environment.GetEnvironmentVariable("SEMCACHE__POSTGRES__CONNECTIONSTRING")
    ?? throw new InvalidOperationException("Set SEMCACHE__POSTGRES__CONNECTIONSTRING: eval \"$(scripts/services/up.sh)\"");
var schema = $"bench_{entries}" + (vectorKind == "synthetic" ? "" : "_" + vectorKind) + (partitions > 1 ? $"_p{partitions}" : "");

float[][] vectors;
(string Name, float[] Vector, int Partition)[][] sets;
var rng = new Random(7);
if (composed)
{
    var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
    var source = ComposedVectors.Load(root, Path.Combine(root, ".artifacts/bench"));
    vectors = source.Entries(entries);
    var found = source.Queries(entries, queries);
    sets =
    [
        [.. found.Where(q => q.Source >= 0).Select(q => ("near-duplicate queries", q.Query, q.Source % partitions))],
        [.. found.Where(q => q.Source < 0).Select(q => ("held-out real prompts", q.Query, rng.Next(partitions)))],
    ];
}
else if (workload)
{
    var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
    var real = WorkloadVectors.Load(Path.Combine(root, "datasets/workload/prompts.txt"), Path.Combine(root, ".artifacts/bench/minilm-workload.f32"));
    vectors = real.Entries(entries, seed: 42);
    var near = new (string, float[], int)[queries / 2];
    var heldOut = new (string, float[], int)[queries / 2];
    for (var q = 0; q < near.Length; q++)
    {
        var (query, source) = real.NearDuplicate(vectors, rng);
        near[q] = ("near-duplicate queries", query, source % partitions);
        heldOut[q] = ("held-out real prompts", real.HeldOutQuery(q), rng.Next(partitions));
    }

    sets = [near, heldOut];
}
else
{
    var data = new SyntheticEmbeddings(Dimensions, seed: 42);
    vectors = data.Entries(entries, entriesPerTopic: 50);
    sets =
    [
        [.. Enumerable.Range(0, queries).Select(_ => rng.Next(entries)).Select(i => ("paraphrase queries", data.Paraphrase(vectors[i]), i % partitions))],
        [.. Enumerable.Range(0, queries).Select(_ => ("uniform random queries", data.Uniform(), rng.Next(partitions)))],
    ];
}

static string PartitionName(int p) => "bench-" + p.ToString(CultureInfo.InvariantCulture);

if (!reuse)
{
    await using var admin = NpgsqlDataSource.Create(connectionString);
    await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
    await drop.ExecuteNonQueryAsync();
}

// The HNSW build gets memory for the whole graph (1M x 384-d needs ~2 GB) and both cores.
var buildOptions = "-c maintenance_work_mem=4GB -c max_parallel_maintenance_workers=1";
var loadString = new NpgsqlConnectionStringBuilder(connectionString) { Options = buildOptions, CommandTimeout = 0 }.ConnectionString;
// PGBENCH_M / PGBENCH_EF_CONSTRUCTION: a larger graph than the index's defaults (16 / 64).
var options = new PostgresIndexOptions
{
    ConnectionString = loadString,
    Schema = schema,
    EfSearch = efSearch,
    HnswM = int.Parse(Environment.GetEnvironmentVariable("PGBENCH_M") ?? "16", CultureInfo.InvariantCulture),
    HnswEfConstruction = int.Parse(Environment.GetEnvironmentVariable("PGBENCH_EF_CONSTRUCTION") ?? "64", CultureInfo.InvariantCulture),
};
var load = Stopwatch.StartNew();
await using (var loader = await PostgresVectorIndex.OpenAsync(options))
{
    var now = DateTimeOffset.UtcNow;
    await loader.UpsertManyAsync(vectors.Take(reuse ? 1 : entries).Select((v, i) => new IndexEntry
    {
        Key = i.ToString("x64", CultureInfo.InvariantCulture),
        Partition = PartitionName(i % partitions),
        EmbedderId = "synthetic-384",
        Prompt = "prompt " + i,
        Vector = v,
        BlobSha256 = i.ToString("x64", CultureInfo.InvariantCulture),
        Created = now,
    }).ToList());
}

load.Stop();
await using var index = await PostgresVectorIndex.OpenAsync(options with { ConnectionString = connectionString });
Console.WriteLine($"entries {entries} ({vectorKind} vectors, {partitions} partition(s)), {Dimensions}-d, m {options.HnswM}, ef_construction {options.HnswEfConstruction}, ef_search {efSearch}, k {K}");
Console.WriteLine(reuse
    ? $"HNSW build over the existing rows (if missing): {load.Elapsed.TotalSeconds:F1} s"
    : $"load (binary COPY + merge + HNSW build): {load.Elapsed.TotalSeconds:F1} s");
await using (var admin = NpgsqlDataSource.Create(connectionString))
{
    await using var size = admin.CreateCommand($"""
        SELECT pg_size_pretty(pg_relation_size('{schema}.entries_hnsw_384')),
               pg_size_pretty(pg_total_relation_size('{schema}.entries')), pg_relation_size('{schema}.entries_hnsw_384')
        """);
    await using var reader = await size.ExecuteReaderAsync();
    await reader.ReadAsync();
    Console.WriteLine($"hnsw index {reader.GetString(0)} ({reader.GetInt64(2) / (double)entries:F0} B/entry), table+indexes {reader.GetString(1)}");
}

var allLatencies = new List<double>();
var allHits = 0;
foreach (var set in sets)
{
    for (var i = 0; i < 50; i++)
    {
        await index.SearchAsync(PartitionName(set[i].Partition), "synthetic-384", set[i].Vector, K);
    }

    var latencies = new double[set.Length];
    var hits = 0;
    for (var q = 0; q < set.Length; q++)
    {
        var watch = Stopwatch.StartNew();
        var found = await index.SearchAsync(PartitionName(set[q].Partition), "synthetic-384", set[q].Vector, K);
        latencies[q] = watch.Elapsed.TotalMilliseconds;
        var exact = ExactTop1(vectors, set[q].Vector, set[q].Partition, partitions);

        // Right when it is the exact top-1 or exactly as similar (the workload repeats some prompts verbatim).
        if (found.Count > 0 && VectorMath.Dot(vectors[int.Parse(found[0].Key, NumberStyles.HexNumber, CultureInfo.InvariantCulture)], set[q].Vector)
            >= VectorMath.Dot(vectors[exact], set[q].Vector))
        {
            hits++;
        }
    }

    allLatencies.AddRange(latencies);
    allHits += hits;
    Array.Sort(latencies);
    Console.WriteLine(
        $"{set[0].Name}: top-1 recall {hits / (double)set.Length:F4}, latency p50 {latencies[set.Length / 2]:F2} ms, " +
        $"p99 {latencies[(int)(set.Length * 0.99)]:F2} ms");
}

// Both sets together, as bench/SemCache.IndexBench reports recall@1 (bench/perf.sh reads this line).
allLatencies.Sort();
Console.WriteLine(
    $"all queries: top-1 recall {allHits / (double)allLatencies.Count:F4}, latency p50 {allLatencies[allLatencies.Count / 2]:F2} ms, " +
    $"p99 {allLatencies[(int)(allLatencies.Count * 0.99)]:F2} ms");
return 0;

static int ExactTop1(float[][] vectors, float[] query, int partition, int partitions)
{
    var best = partition;
    var bestScore = float.MinValue;
    for (var i = partition; i < vectors.Length; i += partitions)
    {
        var score = VectorMath.Dot(vectors[i], query);
        if (score > bestScore)
        {
            bestScore = score;
            best = i;
        }
    }

    return best;
}
