using System.Collections.Concurrent;
using System.Globalization;

namespace SemCache.Index.Postgres;

/// <summary>
/// The statements of <see cref="PostgresVectorIndex"/> for one schema.
/// The vector column has no fixed dimension, so one table can hold several embedders; each dimension gets its own
/// partial HNSW index over <c>vector::vector(d)</c>, and queries repeat that expression and predicate so the planner
/// can match them. The dimension is an integer the code controls, never user text.
/// </summary>
internal sealed class PostgresIndexSql(string schema)
{
    private const string Columns = "key, partition, embedder_id, prompt, vector, blob_sha256, created";

    private readonly ConcurrentDictionary<int, string> _searches = new();

    public string Upsert { get; } = $"""
        INSERT INTO {schema}.entries ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (key) DO UPDATE SET partition = EXCLUDED.partition, embedder_id = EXCLUDED.embedder_id,
            prompt = EXCLUDED.prompt, vector = EXCLUDED.vector, blob_sha256 = EXCLUDED.blob_sha256,
            created = EXCLUDED.created
        """;

    public string CreateStaging { get; } = $"""
        CREATE TEMP TABLE semcache_staging (
            key text, partition text, embedder_id text, prompt text, vector vector, blob_sha256 text, created timestamptz)
        ON COMMIT DROP
        """;

    public string CopyStaging { get; } = $"COPY semcache_staging ({Columns}) FROM STDIN (FORMAT BINARY)";

    public string MergeStaging { get; } = $"""
        INSERT INTO {schema}.entries ({Columns}) SELECT {Columns} FROM semcache_staging
        ON CONFLICT (key) DO UPDATE SET partition = EXCLUDED.partition, embedder_id = EXCLUDED.embedder_id,
            prompt = EXCLUDED.prompt, vector = EXCLUDED.vector, blob_sha256 = EXCLUDED.blob_sha256,
            created = EXCLUDED.created
        """;

    public string Analyze { get; } = $"ANALYZE {schema}.entries";

    public string Contains { get; } = $"SELECT EXISTS (SELECT 1 FROM {schema}.entries WHERE key = $1)";

    public string Remove { get; } = $"DELETE FROM {schema}.entries WHERE key = $1";

    public string CountByPartition { get; } = $"SELECT partition, count(*) FROM {schema}.entries GROUP BY partition";

    /// <summary>Keyset pages in key order ($1 rows): the primary key serves both, and no page holds a snapshot open.</summary>
    public string ListFirst { get; } = $"SELECT key, partition, embedder_id FROM {schema}.entries ORDER BY key LIMIT $1";

    public string ListAfter { get; } = $"SELECT key, partition, embedder_id FROM {schema}.entries WHERE key > $2 ORDER BY key LIMIT $1";

    public string IndexExists { get; } = "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2)";

    public static string IndexName(int dimensions) => "entries_hnsw_" + dimensions.ToString(CultureInfo.InvariantCulture);

    public string CreateHnsw(int dimensions, int m, int efConstruction) => string.Create(CultureInfo.InvariantCulture, $"""
        CREATE INDEX IF NOT EXISTS {IndexName(dimensions)} ON {schema}.entries
        USING hnsw ((vector::vector({dimensions})) vector_cosine_ops) WITH (m = {m}, ef_construction = {efConstruction})
        WHERE vector_dims(vector) = {dimensions}
        """);

    /// <summary>
    /// Iterative scans (relaxed order) keep filtered HNSW searches returning k rows; the materialised CTE then puts
    /// the few rows such a scan may return out of order back in distance order.
    /// </summary>
    public string Search(int dimensions) => _searches.GetOrAdd(dimensions, SearchText);

    private string SearchText(int dimensions) => string.Create(CultureInfo.InvariantCulture, $"""
        WITH candidates AS MATERIALIZED (
            SELECT key, prompt, blob_sha256, vector, vector::vector({dimensions}) <=> $1 AS distance
            FROM {schema}.entries
            WHERE partition = $2 AND embedder_id = $3 AND vector_dims(vector) = {dimensions}
            ORDER BY vector::vector({dimensions}) <=> $1
            LIMIT $4)
        SELECT key, prompt, blob_sha256, distance, vector::vector({dimensions}) FROM candidates ORDER BY distance
        """);
}
