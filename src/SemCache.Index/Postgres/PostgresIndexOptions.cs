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

    /// <summary>Every invalid setting, each naming the setting; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add($"{nameof(ConnectionString)} is required.");
        }

        if (Schema is null || !PostgresVectorIndex.SchemaName().IsMatch(Schema))
        {
            errors.Add($"{nameof(Schema)} '{Schema}' must be lowercase letters, digits and '_' (at most 63, not starting with a digit).");
        }

        // pgvector's own limits, so a bad value is named at start-up rather than by the first CREATE INDEX.
        if (HnswM is < 2 or > 100)
        {
            errors.Add($"{nameof(HnswM)} must be from 2 to 100.");
        }

        if (HnswEfConstruction < 2 * HnswM || HnswEfConstruction > 1000)
        {
            errors.Add($"{nameof(HnswEfConstruction)} must be from 2 x {nameof(HnswM)} to 1000.");
        }

        if (EfSearch is < 1 or > 1000)
        {
            errors.Add($"{nameof(EfSearch)} must be from 1 to 1000.");
        }

        return errors;
    }
}
