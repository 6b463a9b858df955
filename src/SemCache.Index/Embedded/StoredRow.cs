namespace SemCache.Index.Embedded;

/// <summary>
/// One row read back at open. <see cref="Vector"/> points into a buffer the reader reuses: copy it before moving on.
/// </summary>
internal readonly record struct StoredRow(
    string Key,
    string Partition,
    string EmbedderId,
    ReadOnlyMemory<float> Vector);
