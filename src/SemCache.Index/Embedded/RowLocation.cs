namespace SemCache.Index.Embedded;

/// <summary>Where a key's row lives now (rows move when another row is removed).</summary>
internal readonly record struct RowLocation(VectorShard Shard, int Row);
