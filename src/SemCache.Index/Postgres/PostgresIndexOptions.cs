namespace SemCache.Index.Postgres;

/// <summary>Settings of <see cref="PostgresVectorIndex"/>.</summary>
public sealed record PostgresIndexOptions
{
    /// <summary>Npgsql connection string, e.g. <c>Host=db;Port=5432;Username=semcache;Password=...;Database=semcache</c>.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Schema holding the tables (created by the migrations); lowercase letters, digits and '_'.</summary>
    public string Schema { get; init; } = "semcache";

    /// <summary>HNSW graph degree (pgvector's <c>m</c>).</summary>
    public int HnswM { get; init; } = 16;

    /// <summary>HNSW candidate list size while building (pgvector's <c>ef_construction</c>).</summary>
    public int HnswEfConstruction { get; init; } = 64;

    /// <summary>
    /// HNSW candidate list size while searching (<c>hnsw.ef_search</c>); raises recall at some cost in latency. 100 was
    /// measured at 100k realistic entries in 10 partitions (bench/SemCache.PgBench, docs/benchmarks.md): recall@1 0.994
    /// (80: 0.991, 64: 0.989), p99 12-21 ms on a loaded 2-core host, where 80 and 100 did not differ in latency.
    /// </summary>
    public int EfSearch { get; init; } = 100;
}
