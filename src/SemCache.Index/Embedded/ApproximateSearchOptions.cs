namespace SemCache.Index.Embedded;

/// <summary>
/// When and how the embedded index searches a partition through an HNSW graph (USearch) instead of scanning it.
/// Either way candidates are picked from int8 copies (the graph's own, or per-row codes scanned in full below
/// <see cref="MinRows"/>) and then re-scored against the fp32 vectors read from SQLite, so similarities are exact and
/// only the choice of candidates is approximate. Once a partition's graph is attached, the graph is its only copy of
/// the vectors in memory.
/// </summary>
public sealed record ApproximateSearchOptions
{
    /// <summary>A (partition, embedder) with at least this many rows is searched through a graph; 0 turns graphs off.</summary>
    public int MinRows { get; init; } = 20_000;

    /// <summary>
    /// HNSW M: links per node (more: better recall, more memory, slower build). 32 with <see cref="ExpansionAdd"/> 128
    /// and <see cref="ExpansionSearch"/> 192 was the first setting measured at recall@1 &gt;= 0.99 at 1M rows of real
    /// prompt embeddings (0.992, p50 1.3-2.8 ms; 16 / 64 reached 0.974 at ef_search 256); ~80 MB per 100k rows, a
    /// 1M build ~16 min on one core (docs/benchmarks.md).
    /// </summary>
    public int Connectivity { get; init; } = 32;

    /// <summary>HNSW ef_construction: candidates weighed while linking a new node.</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>HNSW ef_search: candidates the search keeps; raises recall at the cost of time.</summary>
    public int ExpansionSearch { get; init; } = 192;

    /// <summary>
    /// Candidates re-scored exactly per search (at least the count asked for), from the graph or the int8 scan; each
    /// costs a row read from SQLite. The int8 order is close enough that 16 kept the scan's recall@1 at 1.000 at 1M.
    /// </summary>
    public int Candidates { get; init; } = 16;

    /// <summary>
    /// Build missing graphs on a background thread (searches scan the int8 codes meanwhile), from the int8 codes.
    /// Off: a graph is built at once,
    /// under the write lock, which only tests and tools want.
    /// </summary>
    public bool BuildInBackground { get; init; } = true;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinRows < 0)
        {
            errors.Add("MinRows must be 0 (off) or more.");
        }

        if (Connectivity is < 4 or > 128 || ExpansionAdd is < 8 or > 4096 || ExpansionSearch is < 8 or > 4096)
        {
            errors.Add("Connectivity must be 4-128, ExpansionAdd and ExpansionSearch 8-4096.");
        }

        if (Candidates is < 1 or > 4096)
        {
            errors.Add("Candidates must be 1-4096.");
        }

        return errors;
    }
}
