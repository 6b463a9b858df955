namespace SemCache.Core.Index;

/// <summary>One stored vector as a listing sees it: the entry key it belongs to, its partition and its embedder.</summary>
public sealed record IndexedKey(string Key, string Partition, string EmbedderId);
