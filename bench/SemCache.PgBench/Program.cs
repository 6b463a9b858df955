using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SemCache.Core.Index;
using SemCache.Core.Numerics;
using SemCache.Index.Postgres;
using SemCache.PgBench;

// Recall of pgvector's HNSW top-1 against exact search, and lookup latency, for N entries in one partition.
// usage: dotnet run -c Release --project bench/SemCache.PgBench -- [entries=100000] [queries=1000] [efSearch=100] [reuse]
// "reuse" keeps an earlier run's rows (same seed, so the same vectors); re-upserting one entry builds the HNSW
// index if that run did not get to it, so the build is timed on its own.
// Needs SEMCACHE__POSTGRES__CONNECTIONSTRING (eval "$(scripts/services/up.sh)"). Leaves schema bench_<entries>.
var entries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var efSearch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var reuse = args.Length > 3 && args[3] == "reuse";
const int Dimensions = 384;
const int K = 5;
var connectionString = Environment.GetEnvironmentVariable("SEMCACHE__POSTGRES__CONNECTIONSTRING")
    ?? throw new InvalidOperationException("Set SEMCACHE__POSTGRES__CONNECTIONSTRING: eval \"$(scripts/services/up.sh)\"");
var schema = $"bench_{entries}";

var data = new SyntheticEmbeddings(Dimensions, seed: 42);
var vectors = data.Entries(entries, entriesPerTopic: 50);
var rng = new Random(7);
var paraphrases = Enumerable.Range(0, queries).Select(_ => data.Paraphrase(vectors[rng.Next(entries)])).ToArray();
var uniform = Enumerable.Range(0, queries).Select(_ => data.Uniform()).ToArray();

if (!reuse)
{
    await using var admin = NpgsqlDataSource.Create(connectionString);
    await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
    await drop.ExecuteNonQueryAsync();
}

// The HNSW build gets memory for the whole graph (1M x 384-d needs ~2 GB) and both cores.
var buildOptions = "-c maintenance_work_mem=4GB -c max_parallel_maintenance_workers=1";
var loadString = new NpgsqlConnectionStringBuilder(connectionString) { Options = buildOptions, CommandTimeout = 0 }.ConnectionString;
var options = new PostgresIndexOptions { ConnectionString = loadString, Schema = schema, EfSearch = efSearch };
var load = Stopwatch.StartNew();
await using (var loader = await PostgresVectorIndex.OpenAsync(options))
{
    var now = DateTimeOffset.UtcNow;
    await loader.UpsertManyAsync(vectors.Take(reuse ? 1 : entries).Select((v, i) => new IndexEntry
    {
        Key = i.ToString("x64", CultureInfo.InvariantCulture),
        Partition = "bench",
        EmbedderId = "synthetic-384",
        Prompt = "prompt " + i,
        Vector = v,
        BlobSha256 = i.ToString("x64", CultureInfo.InvariantCulture),
        Created = now,
    }).ToList());
}

load.Stop();
await using var index = await PostgresVectorIndex.OpenAsync(options with { ConnectionString = connectionString });
Console.WriteLine($"entries {entries}, {Dimensions}-d, m 16, ef_construction 64, ef_search {efSearch}, k {K}");
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

foreach (var (name, set) in new[] { ("paraphrase queries", paraphrases), ("uniform random queries", uniform) })
{
    for (var i = 0; i < 50; i++)
    {
        await index.SearchAsync("bench", "synthetic-384", set[i], K);
    }

    var latencies = new double[set.Length];
    var hits = 0;
    for (var q = 0; q < set.Length; q++)
    {
        var watch = Stopwatch.StartNew();
        var found = await index.SearchAsync("bench", "synthetic-384", set[q], K);
        latencies[q] = watch.Elapsed.TotalMilliseconds;
        var exact = ExactTop1(vectors, set[q]);
        if (found.Count > 0 && found[0].Key == exact.ToString("x64", CultureInfo.InvariantCulture))
        {
            hits++;
        }
    }

    Array.Sort(latencies);
    Console.WriteLine(
        $"{name}: top-1 recall {hits / (double)set.Length:F4}, latency p50 {latencies[set.Length / 2]:F2} ms, " +
        $"p99 {latencies[(int)(set.Length * 0.99)]:F2} ms");
}

static int ExactTop1(float[][] vectors, float[] query)
{
    var best = 0;
    var bestScore = float.MinValue;
    for (var i = 0; i < vectors.Length; i++)
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
