namespace SemCache.Index.Embedded;

/// <summary>How many rows of which dimension a (partition, embedder) holds on disk, to size its arrays exactly.</summary>
internal readonly record struct ShardSize(string Partition, string EmbedderId, int Dimension, int Count);
